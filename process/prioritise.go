package process

import (
	"fmt"
	"time"
)

// ClassifyByMatrix classifies the incident with category, impact and urgency
// and sets the priority that matrix m computes from them (ISO/IEC
// 20000-1:2011, 8.1: priority takes account of impact and urgency). The
// history records the change and, in a note, the matrix and version that
// produced the priority, so that a later change of matrix leaves earlier
// priorities explained. It refuses, changing nothing, levels the matrix does
// not have and whatever [Incident.Classify] refuses.
func (i *Incident) ClassifyByMatrix(by Actor, at time.Time, m *PriorityMatrix, category string, impact Level, urgency Level) (Prioritisation, error) {
	if m == nil {
		return Prioritisation{}, fmt.Errorf("process: %s: classify: priority matrix: %w", i.Subject(), ErrRequired)
	}
	pz, err := m.Prioritise(impact, urgency)
	if err != nil {
		return Prioritisation{}, fmt.Errorf("process: %s: classify: %w", i.Subject(), err)
	}
	if err := i.Classify(by, at, category, impact, urgency, pz.Priority); err != nil {
		return Prioritisation{}, err
	}
	i.append(Event{At: at, Actor: by.Name, Action: ActionNoted, Field: "priority", To: pz.Priority.String(),
		Note: fmt.Sprintf("computed by priority matrix %s version %d", pz.Matrix, pz.Version)})
	return pz, nil
}

// Facts returns what the major-incident criteria look at for the incident:
// its priority, service and security flag, with whether the service is
// critical and how many users are affected, which the host knows (ISO/IEC
// 20000-1:2011, 8.1).
func (i *Incident) Facts(criticalService bool, affectedUsers int) IncidentFacts {
	return IncidentFacts{
		Priority:        i.Priority,
		Service:         i.Service,
		CriticalService: criticalService,
		AffectedUsers:   affectedUsers,
		Security:        i.Security,
	}
}
