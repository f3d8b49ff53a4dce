// Package capacity carries capacity management, ISO/IEC 20000-1:2011, 6.5:
// capacity requirements agreed per service, the resources that deliver them,
// their utilisation, its analysis and forecasts, and the capacity plan.
//
// # Records
//
// Six record kinds of process (they embed process.Header and validate into
// the one *process.ValidationError): [Requirement]
// (process.KindCapacityRequirement, from an SLA's performance and capacity
// targets), [Resource] (process.KindCapacityResource: human, technical,
// information or financial, a CI or a team, with a capacity in a unit),
// [Series] (process.KindUtilisationSeries: measurements as they come, at
// irregular times and with gaps), [Threshold] (process.KindCapacityThreshold:
// warning and critical limits, static or per [TimeBand] of the day),
// [Forecast] (process.KindCapacityForecast) and [Plan]
// (process.KindCapacityPlan, with every content item of 6.5, versioned
// revisions and a lifecycle, [Plan.Lifecycle]). [Decode] decodes any of
// them from JSON by its "kind" field; nothing is registered anywhere.
//
// Every method that changes a record takes the actor and the time first,
// (by, at, …), as every method of the module that takes an actor does
// (functions and constructors such as [NewPlan] take them last), and
// appends who did what and when to the record's history: [Series.Add],
// [Forecast.Apply], [Plan.Approve], [Plan.Retire] and [Plan.Revise].
//
// A [TimeBand] is a band of the day that recurs on some weekdays; a span
// from one instant to another is a process.Window.
//
// # Enumerations
//
// The enumerations ([Method], [Area], [Bound], [ResourceType],
// [EffectKind], [GapPolicy], [Severity], [PlanState], [Item]) are typed
// strings whose zero value "" means unset. They follow the module's one encoding
// rule ([process.Enum]): a known value encodes as its code, "" encodes and
// decodes as unset (so the zero value of every record marshals), and any
// other value is refused with an error wrapping [process.ErrInvalidValue],
// leaving the destination unchanged.
//
// # Errors
//
// Every error message of the package starts "capacity: ". Validation errors
// are the one *[process.ValidationError]; refused moves are
// *[process.TransitionError]; analysis and forecasting wrap the sentinels
// of errors.go ([ErrTooShort], [ErrNonPositive], [ErrGap], [ErrNoData],
// [ErrNotFinite]).
//
// # Analysis
//
// [Regularise] puts a series on equal steps: measurements in a step are
// averaged, empty steps are gaps, filled on a line ([GapLinear]) or with the
// last value ([GapPrevious]), or refused ([GapRefuse]); a bound on gap
// length refuses long outages with [ErrGap]; a span of more than 50,000,000
// steps, or longer than the longest time.Duration (about 292 years), is
// refused, never cut short. [Summarise], [Percentile],
// [Peaks] and [BusyHours] describe utilisation; [Crossings] finds threshold
// crossings, the events a host raises as incidents; [HeadroomOf] and
// [Exhaust] say how much capacity is left and when a forecast reaches a
// threshold.
//
// # Forecasting
//
// [ForecastValues] and [NewForecast] forecast a series with prediction
// intervals and its held-out [Accuracy] (RMSE, MAE, MAPE). The methods
// ([Method]) are a straight line (intervals with Student's t);
// Holt-Winters, additive and multiplicative, with a daily or weekly season
// ([DefaultPeriods]); the exponential-smoothing state-space family
// ([MethodETS], every [Form] of error, trend — damped included — and
// season, fitted by likelihood and chosen by AICc as R's forecast::ets
// does); a seasonal decomposition (a moving-average trend and the recent
// seasons' robust mean deviation from it) with the state-space form
// without a season fitted to the seasonally adjusted series, the season
// then held fixed, as R's forecast::stlf does ([Spec.Decompose]);
// double-seasonal Holt-Winters for hourly demand with a day inside a
// week; and a combination of the best of them ([MethodCombined]). The last
// points are held out; each candidate is fitted on the rest and measured on
// them, forecast at most the horizon ahead ([Options.Holdout]), and by
// default the forecast combines the three of least error,
// weighted by it ([Options.Single] keeps one), each then fitted again on
// every point ([Options.KeepFit] keeps the first fit). Intervals are
// calibrated on the held-out points ([Options.RawIntervals]).
//
// Holt-Winters is R's stats::HoltWinters: the same starting state (a
// decomposition of the first two seasons), the same sum of squared errors
// (from the second season on), and parameters that may be fixed from
// outside ([Spec.Fixed], [Spec.RStart]) to check the recursion against R.
// The default fit searches from R's start and the package's own, by a
// deterministic multi-start search that includes R's starting point: a
// bounded Levenberg–Marquardt search on the sum of squared errors, whose
// exact gradient the recursion carries forward in the same pass, each step
// following the product αβ through which the trend adapts. Its sum
// of squared errors is never above R's (testdata/rhw holds R's numbers;
// examples/capacityr compares in one run). The
// state-space family is searched in rounds: every form briefly, then only
// the forms whose AICc is near the least, from where they stopped; a form
// without a season is searched to the end at once, by the same
// Levenberg–Marquardt search on the likelihood with its starting states. A fitted
// [Model] reports its parameters, starting state, SSE, log-likelihood and
// AICc ([Model.Describe] puts it in a line for the plan).
//
// [Scenario] effects (a new service, a change, a business event) add to or
// scale demand from a date. Flat, all-zero, intermittent and too short
// series give either a forecast without NaN or infinities or a matchable
// error ([ErrTooShort], [ErrNonPositive], [ErrNoData], [ErrNotFinite]).
//
// # Planning and reporting
//
// [Plan.Validate] names every missing content item of 6.5 ([Items]);
// [Plan.Revise] makes a new version under change control. [Recommend] says
// which resources need an upgrade by when and at what cost, most urgent
// first. [WriteMarkdown] and [Chart.WriteSVG] render the plan for a review.
// Upgrade costs are decimal money with an ISO 4217 currency, linked to the
// budgeting records of 6.4 by ID and kind, and held to the module's limits
// on untrusted numbers (process.MaxDigits, process.MaxExponent;
// process.ErrTooLarge).
//
// # Concurrency
//
// Records are not safe for concurrent mutation; models and results are
// plain values. [ForecastAll] is the one function of the package that
// starts goroutines: it forecasts many series on all cores, and every
// goroutine it starts has ended when it returns. The rest of the package is
// synchronous, starts no goroutines and keeps no mutable package state.
package capacity
