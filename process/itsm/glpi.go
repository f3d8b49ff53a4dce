package itsm

import "github.com/smskit/iso20000/process"

// GLPI returns the mapping of GLPI: the Ticket (of type incident),
// Problem, Change and Computer item types, their documented field names
// (name, content, status, urgency, impact, priority, itilcategories_id,
// …), the status codes of CommonITILObject (1 New, 2 Processing
// (assigned), 3 Processing (planned), 4 Pending, 5 Solved, 6 Closed, and
// for problems and changes 7 Accepted, 8 Under observation or Review, 9
// Evaluation, 10 Approval, 11 Test, 12 Qualification, 13 Refused, 14
// Canceled), urgency and impact 1 Very low … 5 Very high and priority 1
// Very low … 5 Very high and 6 Major, and the columns of glpi_logs
// (items_id, id_search_option, old_value, new_value, date_mod, user_name).
//
// glpi_logs names a field by its search option number: the Audit name of
// each field is the number GLPI's ticket search options give it (1 title,
// 21 description, 4 requester, 7 category, 10 urgency, 11 impact, 3
// priority, 12 status, 5 technician, 8 technician group, 13 associated
// items). What GLPI keeps in records of their own (the solution and its
// type, a change's validation, a problem's cause) has rows named by the
// field of that record: solution, solutiontypes_id, global_validation,
// causecontent. A ticket closed without a solution is cancelled (GLPI has
// no such status), and a cancelled incident or problem exports as Closed.
// GLPI's priority 6 (Major) is P1; a major incident is declared with
// [process.Incident.DeclareMajor], never by a priority. Pending reasons,
// solution types and states of items are the installation's own
// dropdowns, which [Options.Lookup] maps.
func GLPI() *Tool { return glpi }

// The urgency and impact scale of GLPI: five grades, the library's three
// with a very high and a very low beside them (a host's own levels).
var glpiLevels = []Code{
	{"5", "Very high", "very-high"},
	{"4", "High", string(process.LevelHigh)},
	{"3", "Medium", string(process.LevelMedium)},
	{"2", "Low", string(process.LevelLow)},
	{"1", "Very low", "very-low"},
}

// The priorities of GLPI, the highest first; 6 is Major.
var glpiPriorities = []Code{
	{"6", "Major", "P1"},
	{"5", "Very high", "P2"},
	{"4", "High", "P3"},
	{"3", "Medium", "P4"},
	{"2", "Low", "P5"},
	{"1", "Very low", "P6"},
}

var glpi = &Tool{
	name: "glpi",
	audit: Columns{Ticket: "items_id", Field: "id_search_option", Old: "old_value", New: "new_value",
		At: "date_mod", User: "user_name"},
	tables: []Table{
		{Name: "Ticket", Kind: process.KindIncident, Key: "id", Fields: []Field{
			{Name: "name", Audit: "1", Library: "title"},
			{Name: "content", Audit: "21", Library: "description"},
			{Name: "_users_id_requester", Audit: "4", Library: "reporter"},
			{Name: "itilcategories_id", Audit: "7", Library: "category"},
			{Name: "impact", Audit: "11", Library: "impact", Codes: glpiLevels},
			{Name: "urgency", Audit: "10", Library: "urgency", Codes: glpiLevels},
			{Name: "priority", Audit: "3", Library: "priority", Codes: glpiPriorities},
			{Name: "items_id", Audit: "13", Library: "affectedCIs"},
			{Name: "_groups_id_assign", Audit: "8", Library: "assigneeGroup"},
			{Name: "_users_id_assign", Audit: "5", Library: "assignee"},
			{Name: "status", Audit: "12", Library: "status", Codes: []Code{
				{"1", "New", string(process.IncidentNew)},
				{"2", "Processing (assigned)", string(process.IncidentAssigned)},
				{"3", "Processing (planned)", string(process.IncidentInProgress)},
				{"4", "Pending", string(process.IncidentPending)},
				{"5", "Solved", string(process.IncidentResolved)},
				{"6", "Closed", string(process.IncidentClosed)},
				{"6", "Closed", string(process.IncidentCancelled)}, // closed without a solution
			}},
			{Name: "pendingreasons_id", Library: "pendingReason"},
			{Name: "solutiontypes_id", Library: "resolutionCode"},
			{Name: "solution", Library: "resolution"},
		}},
		{Name: "Problem", Kind: process.KindProblem, Key: "id", Fields: []Field{
			{Name: "name", Audit: "1", Library: "title"},
			{Name: "content", Audit: "21", Library: "description"},
			{Name: "itilcategories_id", Audit: "7", Library: "category"},
			{Name: "impact", Audit: "11", Library: "impact", Codes: glpiLevels},
			{Name: "urgency", Audit: "10", Library: "urgency", Codes: glpiLevels},
			{Name: "priority", Audit: "3", Library: "priority", Codes: glpiPriorities},
			{Name: "items_id", Audit: "13", Library: "affectedCIs"},
			{Name: "status", Audit: "12", Library: "status", Codes: []Code{
				{"1", "New", string(process.ProblemNew)},
				{"2", "Processing (assigned)", string(process.ProblemInvestigating)},
				{"7", "Accepted", string(process.ProblemInvestigating)},
				{"3", "Processing (planned)", string(process.ProblemInvestigating)},
				{"4", "Pending", string(process.ProblemInvestigating)},
				{"5", "Solved", string(process.ProblemResolved)},
				{"8", "Under observation", string(process.ProblemResolved)},
				{"6", "Closed", string(process.ProblemClosed)},
				{"6", "Closed", string(process.ProblemCancelled)}, // closed without a solution
			}},
			{Name: "causecontent", Library: "rootCause"},
			{Name: "solution", Library: "resolution"},
		}},
		{Name: "Change", Kind: process.KindRequestForChange, Key: "id", Fields: []Field{
			{Name: "name", Audit: "1", Library: "title"},
			{Name: "content", Audit: "21", Library: "description"},
			{Name: "_users_id_requester", Audit: "4", Library: "requester"},
			{Name: "impactcontent", Library: "impactAssessment"},
			{Name: "backoutplancontent", Library: "backoutPlan"},
			{Name: "items_id", Audit: "13", Library: "affectedCIs"},
			{Name: "global_validation", Library: "approval", Codes: []Code{
				{"1", "Not subject to approval", "not-requested"},
				{"2", "Waiting for approval", "requested"},
				{"3", "Granted", string(process.DecisionApprove)},
				{"4", "Refused", string(process.DecisionReject)},
			}},
			{Name: "status", Audit: "12", Library: "status", Codes: []Code{
				{"1", "New", string(process.ChangeRequested)},
				{"9", "Evaluation", string(process.ChangeRequested)},
				{"10", "Approval", string(process.ChangeAssessed)},
				{"7", "Accepted", string(process.ChangeAuthorised)},
				{"7", "Accepted", string(process.ChangeScheduled)}, // GLPI keeps no planned window
				{"11", "Test", string(process.ChangeImplementing)},
				{"12", "Qualification", string(process.ChangeImplementing)},
				{"5", "Applied", string(process.ChangeImplemented)},
				{"6", "Closed", string(process.ChangeClosed)},
				{"13", "Refused", string(process.ChangeRejected)},
				{"14", "Canceled", string(process.ChangeCancelled)},
			}},
		}},
		{Name: "Computer", Kind: process.KindConfigurationItem, Key: "id", Fields: []Field{
			{Name: "name", Audit: "1", Library: "title"},
			{Name: "itemtype", Library: "type"},
			{Name: "comment", Audit: "16", Library: "description"},
			{Name: "locations_id", Audit: "3", Library: "location"},
			{Name: "users_id_tech", Audit: "24", Library: "owner"},
			{Name: "states_id", Audit: "31", Library: "status"},
		}},
	},
}
