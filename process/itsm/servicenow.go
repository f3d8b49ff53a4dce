package itsm

import "github.com/smskit/iso20000/process"

// ServiceNow returns the mapping of ServiceNow: the incident, problem,
// change_request and cmdb_ci tables, their documented field names and
// choice values (the state codes of each table, the On Hold reasons, the
// "1 - High" impact and urgency choices and the "1 - Critical" … "5 -
// Planning" priorities), and the columns of the sys_audit table
// (documentkey, fieldname, oldvalue, newvalue, sys_created_on, user).
//
// Its audit rows for a change's approvals are the change_request's
// approval field moving to approved or rejected, the row's user being the
// approver (ServiceNow keeps who approved in sysapproval_approver; a host
// exports those rows in this shape). The problem table's resolution_code
// "canceled" or "duplicate" at closure makes the problem cancelled, and a
// change_request's close_code "unsuccessful" at review makes the change
// failed. A sys_id read as a reference is the record's [process.ID].
func ServiceNow() *Tool { return serviceNow }

// The impact and urgency choices of ServiceNow's task tables.
var snLevels = []Code{
	{"1", "1 - High", string(process.LevelHigh)},
	{"2", "2 - Medium", string(process.LevelMedium)},
	{"3", "3 - Low", string(process.LevelLow)},
}

// The priority choices of ServiceNow's task tables.
var snPriorities = []Code{
	{"1", "1 - Critical", "P1"},
	{"2", "2 - High", "P2"},
	{"3", "3 - Moderate", "P3"},
	{"4", "4 - Low", "P4"},
	{"5", "5 - Planning", "P5"},
}

var serviceNow = &Tool{
	name: "servicenow",
	audit: Columns{Ticket: "documentkey", Field: "fieldname", Old: "oldvalue", New: "newvalue",
		At: "sys_created_on", User: "user"},
	tables: []Table{
		{Name: "incident", Kind: process.KindIncident, Key: "number", Fields: []Field{
			{Name: "short_description", Library: "title"},
			{Name: "description", Library: "description"},
			{Name: "caller_id", Library: "reporter"},
			{Name: "category", Library: "category"},
			{Name: "impact", Library: "impact", Codes: snLevels},
			{Name: "urgency", Library: "urgency", Codes: snLevels},
			{Name: "priority", Library: "priority", Codes: snPriorities},
			{Name: "business_service", Library: "service"},
			{Name: "cmdb_ci", Library: "affectedCIs"},
			{Name: "assignment_group", Library: "assigneeGroup"},
			{Name: "assigned_to", Library: "assignee"},
			{Name: "state", Library: "status", Codes: []Code{
				{"1", "New", string(process.IncidentNew)},
				{"1", "New", string(process.IncidentAssigned)}, // new, with an assignment group or person
				{"2", "In Progress", string(process.IncidentInProgress)},
				{"3", "On Hold", string(process.IncidentPending)},
				{"6", "Resolved", string(process.IncidentResolved)},
				{"7", "Closed", string(process.IncidentClosed)},
				{"8", "Canceled", string(process.IncidentCancelled)},
			}},
			{Name: "hold_reason", Library: "pendingReason", Codes: []Code{
				{"1", "Awaiting Caller", string(process.PendingCustomer)},
				{"3", "Awaiting Problem", string(process.PendingProblem)},
				{"4", "Awaiting Vendor", string(process.PendingSupplier)},
				{"5", "Awaiting Change", string(process.PendingChange)},
			}},
			{Name: "close_code", Library: "resolutionCode"},
			{Name: "close_notes", Library: "resolution"},
		}},
		{Name: "problem", Kind: process.KindProblem, Key: "number", Fields: []Field{
			{Name: "short_description", Library: "title"},
			{Name: "description", Library: "description"},
			{Name: "category", Library: "category"},
			{Name: "impact", Library: "impact", Codes: snLevels},
			{Name: "urgency", Library: "urgency", Codes: snLevels},
			{Name: "priority", Library: "priority", Codes: snPriorities},
			{Name: "business_service", Library: "services"},
			{Name: "cmdb_ci", Library: "affectedCIs"},
			{Name: "state", Library: "status", Codes: []Code{
				{"101", "New", string(process.ProblemNew)},
				{"103", "Root Cause Analysis", string(process.ProblemInvestigating)},
				{"102", "Assess", string(process.ProblemInvestigating)},
				{"104", "Fix in Progress", string(process.ProblemInvestigating)},
				{"106", "Resolved", string(process.ProblemResolved)},
				{"107", "Closed", string(process.ProblemClosed)},
				{"107", "Closed", string(process.ProblemCancelled)}, // with resolution_code canceled
			}},
			{Name: "resolution_code", Library: "closeCode", Codes: []Code{
				{"fix_applied", "Fix Applied", "fix-applied"},
				{"risk_accepted", "Risk Accepted", "risk-accepted"},
				{"canceled", "Canceled", "cancelled"},
				{"duplicate", "Duplicate", "duplicate"},
			}},
			{Name: "cause_notes", Library: "rootCause"},
			{Name: "fix_notes", Library: "resolution"},
			{Name: "close_notes", Library: "effective"},
		}},
		{Name: "change_request", Kind: process.KindRequestForChange, Key: "number", Fields: []Field{
			{Name: "short_description", Library: "title"},
			{Name: "description", Library: "description"},
			{Name: "requested_by", Library: "requester"},
			{Name: "type", Library: "class", Codes: []Code{
				{"normal", "Normal", string(process.ChangeNormal)},
				{"standard", "Standard", string(process.ChangeStandard)},
				{"emergency", "Emergency", string(process.ChangeEmergency)},
			}},
			{Name: "std_change_producer_version", Library: "model"},
			{Name: "risk", Library: "risk", Codes: []Code{
				{"1", "Very High", "very-high"},
				{"2", "High", string(process.LevelHigh)},
				{"3", "Moderate", string(process.LevelMedium)},
				{"4", "Low", string(process.LevelLow)},
			}},
			{Name: "risk_impact_analysis", Library: "impactAssessment"},
			{Name: "justification", Library: "businessBenefit"},
			{Name: "backout_plan", Library: "backoutPlan"},
			{Name: "start_date", Library: "window.start"},
			{Name: "end_date", Library: "window.end"},
			{Name: "business_service", Library: "services"},
			{Name: "cmdb_ci", Library: "affectedCIs"},
			{Name: "approval", Library: "approval", Codes: []Code{
				{"not requested", "Not Yet Requested", "not-requested"},
				{"requested", "Requested", "requested"},
				{"approved", "Approved", string(process.DecisionApprove)},
				{"rejected", "Rejected", string(process.DecisionReject)},
			}},
			{Name: "state", Library: "status", Codes: []Code{
				{"-5", "New", string(process.ChangeRequested)},
				{"-4", "Assess", string(process.ChangeRequested)},
				{"-3", "Authorize", string(process.ChangeAssessed)},
				{"-2", "Scheduled", string(process.ChangeScheduled)},
				{"-2", "Scheduled", string(process.ChangeAuthorised)},
				{"-1", "Implement", string(process.ChangeImplementing)},
				{"0", "Review", string(process.ChangeImplemented)},
				{"0", "Review", string(process.ChangeFailed)}, // with close_code unsuccessful
				{"3", "Closed", string(process.ChangeClosed)},
				{"4", "Canceled", string(process.ChangeCancelled)},
			}},
			{Name: "close_code", Library: "closeCode", Codes: []Code{
				{"successful", "Successful", "successful"},
				{"successful_issues", "Successful with issues", "successful-with-issues"},
				{"unsuccessful", "Unsuccessful", "failed"},
			}},
			{Name: "close_notes", Library: "outcome"},
		}},
		{Name: "cmdb_ci", Kind: process.KindConfigurationItem, Key: "sys_id", Fields: []Field{
			{Name: "name", Library: "title"},
			{Name: "sys_class_name", Library: "type"},
			{Name: "short_description", Library: "description"},
			{Name: "version", Library: "version"},
			{Name: "location", Library: "location"},
			{Name: "owned_by", Library: "owner"},
			{Name: "install_status", Library: "status", Codes: []Code{
				{"6", "In Stock", string(process.CIPlanned)},
				{"2", "On Order", string(process.CIOrdered)},
				{"4", "Pending Install", string(process.CIInDevelopment)},
				{"1", "Installed", string(process.CIActive)},
				{"3", "In Maintenance", string(process.CIMaintenance)},
				{"7", "Retired", string(process.CIRetired)},
			}},
		}},
	},
}
