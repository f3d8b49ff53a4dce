package priority

import (
	"fmt"
	"time"

	"github.com/smskit/iso20000/process"
)

// Classify classifies incident i with category, impact and urgency
// and sets the priority that matrix m computes from them (ISO/IEC
// 20000-1:2011, 8.1: priority takes account of impact and urgency). The
// history records the change and, in a note, the matrix and version that
// produced the priority, so that a later change of matrix leaves earlier
// priorities explained. It refuses, changing nothing, levels the matrix does
// not have and whatever [process.Incident.Classify] refuses.
func Classify(i *process.Incident, m *Matrix, category string, impact process.Level, urgency process.Level, by process.Actor, at time.Time) (Prioritisation, error) {
	if m == nil {
		return Prioritisation{}, fmt.Errorf("priority: %s: classify: priority matrix: %w", i.Subject(), process.ErrRequired)
	}
	pz, err := m.Prioritise(impact, urgency)
	if err != nil {
		return Prioritisation{}, fmt.Errorf("priority: %s: classify: %w", i.Subject(), err)
	}
	if err := i.Classify(by, at, category, impact, urgency, pz.Priority); err != nil {
		return Prioritisation{}, err
	}
	// Cannot fail: Classify checked the actor and the time.
	_ = i.Note(by, at, fmt.Sprintf("priority %s computed by priority matrix %s version %d", pz.Priority, pz.Matrix, pz.Version))
	return pz, nil
}

// FactsOf returns what the major-incident criteria look at for the incident:
// its priority, service and security flag, with whether the service is
// critical and how many users are affected, which the host knows (ISO/IEC
// 20000-1:2011, 8.1).
func FactsOf(i *process.Incident, criticalService bool, affectedUsers int) Facts {
	return Facts{
		Priority:        i.Priority,
		Service:         i.Service,
		CriticalService: criticalService,
		AffectedUsers:   affectedUsers,
		Security:        i.Security,
	}
}
