package capacity

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process"
)

// textEnum is an enumeration of the package with its text methods.
type textEnum interface {
	process.Enum
	String() string
	MarshalText() ([]byte, error)
}

// checkEnum holds one enumeration to the module's encoding rule: a known
// value encodes as its code and decodes back; "" encodes and decodes as
// unset, so a zero value marshals; any other value is refused with an error
// naming the package and wrapping process.ErrInvalidValue, and a refused
// decoding leaves the destination unchanged.
func checkEnum[E textEnum, P interface {
	*E
	UnmarshalText([]byte) error
}](t *testing.T, unknown E, known ...E) {
	t.Helper()
	require.NotEmpty(t, known)
	for _, e := range known {
		assert.True(t, e.Valid(), "%q", e)
		assert.Equal(t, string(e), e.String())
		b, err := e.MarshalText()
		require.NoError(t, err, "%q", e)
		assert.Equal(t, string(e), string(b))
		var got E
		require.NoError(t, P(&got).UnmarshalText(b))
		assert.Equal(t, e, got)
	}

	b, err := E("").MarshalText()
	require.NoError(t, err, "the unset value encodes")
	assert.Empty(t, b)
	got := known[0]
	require.NoError(t, P(&got).UnmarshalText(nil), "the unset value decodes")
	assert.Equal(t, E(""), got)
	type holder struct{ V E }
	j, err := json.Marshal(holder{})
	require.NoError(t, err)
	assert.JSONEq(t, `{"V":""}`, string(j))
	back := holder{V: known[0]}
	require.NoError(t, json.Unmarshal(j, &back))
	assert.Equal(t, E(""), back.V)

	assert.False(t, unknown.Valid(), "%q", unknown)
	_, err = unknown.MarshalText()
	require.ErrorIs(t, err, process.ErrInvalidValue)
	assert.True(t, strings.HasPrefix(err.Error(), "capacity: "), "got %q", err)
	got = known[0]
	err = P(&got).UnmarshalText([]byte(unknown))
	require.ErrorIs(t, err, process.ErrInvalidValue)
	assert.True(t, strings.HasPrefix(err.Error(), "capacity: "), "got %q", err)
	assert.Equal(t, known[0], got, "a refused value leaves the destination unchanged")
}

func TestEnumText(t *testing.T) {
	t.Run("Method", func(t *testing.T) {
		checkEnum(t, Method("arima"), MethodLinear, MethodHoltWintersAdditive, MethodHoltWintersMultiplicative)
	})
	t.Run("Area", func(t *testing.T) {
		checkEnum(t, Area("weather"), AreaAvailability, AreaContinuity, AreaServiceLevel, AreaStatutory, AreaRegulatory,
			AreaContractual, AreaOrganisational, AreaNewService, AreaChangedService, AreaTechnology)
	})
	t.Run("Bound", func(t *testing.T) { checkEnum(t, Bound("about"), BoundAtMost, BoundAtLeast) })
	t.Run("ResourceType", func(t *testing.T) { checkEnum(t, ResourceType("robots"), ResourceTypes()...) })
	t.Run("EffectKind", func(t *testing.T) {
		checkEnum(t, EffectKind("rumour"), EffectNewService, EffectChangedService, EffectChange, EffectBusinessEvent, EffectTechnology)
	})
	t.Run("GapPolicy", func(t *testing.T) { checkEnum(t, GapPolicy("cubic"), GapLinear, GapPrevious, GapRefuse) })
	t.Run("Severity", func(t *testing.T) { checkEnum(t, Severity("major"), SeverityWarning, SeverityCritical) })
	t.Run("PlanState", func(t *testing.T) { checkEnum(t, PlanState("shelved"), PlanLifecycle().States()...) })
}
