package itsm

import "github.com/smskit/iso20000/process"

// ITop returns the mapping of iTop: the Incident, Problem, NormalChange
// and Server classes, their documented attribute codes (title,
// description, caller_id, team_id, agent_id, service_id,
// servicesubcategory_id, functionalcis_list, pending_reason,
// resolution_code, solution, …), their status values (new, escalated_tto,
// assigned, escalated_ttr, pending, resolved, closed for incidents; new,
// assigned, resolved, closed for problems; new, validated, rejected,
// assigned, plannedscheduled, approved, notapproved, implemented,
// monitored, closed for normal changes; production, implementation, stock,
// obsolete for servers), impact 1 A department, 2 A service, 3 A person,
// urgency and priority 1 critical … 4 low, and the columns of iTop's
// change log (CMDBChangeOpSetAttributeScalar: objkey, attcode, oldvalue,
// newvalue, with its change's date and userinfo).
//
// An escalated status is the status it escalates (escalated_tto is new,
// escalated_ttr assigned): the escalation is iTop's flag on a missed
// target, not a state of the incident. A ticket closed without a solution
// is cancelled, and a cancelled incident or problem exports as closed.
// iTop's pending_reason is free text, which [Options.Lookup] maps onto a
// [process.PendingReason].
func ITop() *Tool { return iTop }

// The urgency and priority scale of iTop.
var itopUrgencies = []Code{
	{"1", "critical", "critical"},
	{"2", "high", string(process.LevelHigh)},
	{"3", "medium", string(process.LevelMedium)},
	{"4", "low", string(process.LevelLow)},
}

// The impact scale of iTop: how much of the business is touched.
var itopImpacts = []Code{
	{"1", "A department", string(process.LevelHigh)},
	{"2", "A service", string(process.LevelMedium)},
	{"3", "A person", string(process.LevelLow)},
}

// The priorities of iTop.
var itopPriorities = []Code{
	{"1", "critical", "P1"},
	{"2", "high", "P2"},
	{"3", "medium", "P3"},
	{"4", "low", "P4"},
}

var iTop = &Tool{
	name: "itop",
	audit: Columns{Ticket: "objkey", Field: "attcode", Old: "oldvalue", New: "newvalue",
		At: "date", User: "userinfo"},
	tables: []Table{
		{Name: "Incident", Kind: process.KindIncident, Key: "ref", Fields: []Field{
			{Name: "title", Library: "title"},
			{Name: "description", Library: "description"},
			{Name: "caller_id", Library: "reporter"},
			{Name: "servicesubcategory_id", Library: "category"},
			{Name: "impact", Library: "impact", Codes: itopImpacts},
			{Name: "urgency", Library: "urgency", Codes: itopUrgencies},
			{Name: "priority", Library: "priority", Codes: itopPriorities},
			{Name: "service_id", Library: "service"},
			{Name: "functionalcis_list", Library: "affectedCIs"},
			{Name: "team_id", Library: "assigneeGroup"},
			{Name: "agent_id", Library: "assignee"},
			{Name: "status", Library: "status", Codes: []Code{
				{"new", "New", string(process.IncidentNew)},
				{"escalated_tto", "Escalated TTO", string(process.IncidentNew)},
				{"assigned", "Assigned", string(process.IncidentAssigned)},
				{"escalated_ttr", "Escalated TTR", string(process.IncidentAssigned)},
				{"assigned", "Assigned", string(process.IncidentInProgress)}, // iTop has no separate in-progress status
				{"pending", "Pending", string(process.IncidentPending)},
				{"resolved", "Resolved", string(process.IncidentResolved)},
				{"closed", "Closed", string(process.IncidentClosed)},
				{"closed", "Closed", string(process.IncidentCancelled)}, // closed without a solution
			}},
			{Name: "pending_reason", Library: "pendingReason"},
			{Name: "resolution_code", Library: "resolutionCode"},
			{Name: "solution", Library: "resolution"},
		}},
		{Name: "Problem", Kind: process.KindProblem, Key: "ref", Fields: []Field{
			{Name: "title", Library: "title"},
			{Name: "description", Library: "description"},
			{Name: "servicesubcategory_id", Library: "category"},
			{Name: "impact", Library: "impact", Codes: itopImpacts},
			{Name: "urgency", Library: "urgency", Codes: itopUrgencies},
			{Name: "priority", Library: "priority", Codes: itopPriorities},
			{Name: "service_id", Library: "services"},
			{Name: "functionalcis_list", Library: "affectedCIs"},
			{Name: "status", Library: "status", Codes: []Code{
				{"new", "New", string(process.ProblemNew)},
				{"assigned", "Assigned", string(process.ProblemInvestigating)},
				{"resolved", "Resolved", string(process.ProblemResolved)},
				{"closed", "Closed", string(process.ProblemClosed)},
				{"closed", "Closed", string(process.ProblemCancelled)}, // closed without a resolution
			}},
		}},
		{Name: "NormalChange", Kind: process.KindRequestForChange, Key: "ref", Fields: []Field{
			{Name: "title", Library: "title"},
			{Name: "description", Library: "description"},
			{Name: "caller_id", Library: "requester"},
			{Name: "impact", Library: "impactAssessment"},
			{Name: "fallback", Library: "backoutPlan"},
			{Name: "start_date", Library: "window.start"},
			{Name: "end_date", Library: "window.end"},
			{Name: "functionalcis_list", Library: "affectedCIs"},
			{Name: "status", Library: "status", Codes: []Code{
				{"new", "New", string(process.ChangeRequested)},
				{"validated", "Validated", string(process.ChangeRequested)},
				{"assigned", "Assigned", string(process.ChangeRequested)},
				{"plannedscheduled", "Planned and scheduled", string(process.ChangeAssessed)},
				{"approved", "Approved", string(process.ChangeScheduled)}, // authorised, when no window is planned
				{"approved", "Approved", string(process.ChangeAuthorised)},
				{"approved", "Approved", string(process.ChangeImplementing)}, // until marked implemented
				{"notapproved", "Not approved", string(process.ChangeRejected)},
				{"rejected", "Rejected", string(process.ChangeRejected)},
				{"implemented", "Implemented", string(process.ChangeImplemented)},
				{"monitored", "Monitored", string(process.ChangeImplemented)},
				{"closed", "Closed", string(process.ChangeClosed)},
			}},
		}},
		{Name: "Server", Kind: process.KindConfigurationItem, Key: "id", Fields: []Field{
			{Name: "name", Library: "title"},
			{Name: "finalclass", Library: "type"},
			{Name: "description", Library: "description"},
			{Name: "location_id", Library: "location"},
			{Name: "org_id", Library: "owner"},
			{Name: "status", Library: "status", Codes: []Code{
				{"stock", "Stock", string(process.CIPlanned)},
				{"implementation", "Implementation", string(process.CIInDevelopment)},
				{"production", "Production", string(process.CIActive)},
				{"obsolete", "Obsolete", string(process.CIRetired)},
			}},
		}},
	},
}
