package itsm

import (
	"iter"
	"testing"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/cmdb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestServicesFromIndex(t *testing.T) {
	host, app, mail, web, lonely := process.NewID(), process.NewID(), process.NewID(), process.NewID(), process.NewID()
	ix, err := cmdb.Build([]cmdb.Node{
		{ID: host, Type: "host"}, {ID: app, Type: "app"}, {ID: lonely, Type: "host"},
		{ID: mail, Type: "service", Service: true}, {ID: web, Type: "service", Service: true},
	}, []cmdb.Relation{
		{From: app, To: host, Type: process.RelationRunsOn},
		{From: mail, To: app, Type: process.RelationProvidedBy},
		{From: web, To: host, Type: process.RelationProvidedBy},
	}, nil)
	require.NoError(t, err)
	of := ServicesFromIndex(ix)
	assert.Equal(t, []process.ID{mail}, of(app))
	assert.ElementsMatch(t, []process.ID{mail, web}, of(host))
	assert.Empty(t, of(lonely))
	assert.Empty(t, of(process.NewID()), "an item not in the index")

	// An incident naming only the application gets the mail service; one
	// naming the host, on which two services run, gets none: the replay
	// does not choose.
	rows := func(ci process.ID) []Row {
		return []Row{
			{Ticket: "INC9", Field: "short_description", New: "down", At: at(0), User: "u-dana"},
			{Ticket: "INC9", Field: "description", New: "d", At: at(0), User: "u-dana"},
			{Ticket: "INC9", Field: "category", New: "c", At: at(0), User: "u-dana"},
			{Ticket: "INC9", Field: "impact", New: "1", At: at(0), User: "u-dana"},
			{Ticket: "INC9", Field: "urgency", New: "1", At: at(0), User: "u-dana"},
			{Ticket: "INC9", Field: "priority", New: "1", At: at(0), User: "u-dana"},
			{Ticket: "INC9", Field: "cmdb_ci", New: ci.String(), At: at(0), User: "u-dana"},
		}
	}
	rec, rep, err := Replay(ServiceNow(), process.KindIncident, rows(app), &Options{ServiceOf: of}, migrator, imported)
	require.NoError(t, err, "%+v", rep)
	assert.Equal(t, mail, rec.(*process.Incident).Service)
	_, rep, err = Replay(ServiceNow(), process.KindIncident, rows(host), &Options{ServiceOf: of}, migrator, imported)
	require.Error(t, err)
	assert.Contains(t, rep.Notes[0], "2 services")
}

// oneRecord is a store of one record, enough for ServicesFromStore.
type oneRecord struct{ r process.Record }

func (s oneRecord) Get(id process.ID) (process.Record, error) {
	if id == s.r.Meta().ID {
		return s.r, nil
	}
	return nil, process.ErrNotFound
}

func (s oneRecord) Records(process.RecordKind) iter.Seq2[process.Record, error] {
	return func(func(process.Record, error) bool) {}
}

func (s oneRecord) LinksTo(process.ID) iter.Seq2[process.Backlink, error] {
	return func(func(process.Backlink, error) bool) {}
}

func TestServicesFromStore(t *testing.T) {
	c := process.NewConfigurationItem("relay-01", ciType, manager, at(0))
	require.NoError(t, c.AddService(manager, at(1), svcMail))
	of := ServicesFromStore(oneRecord{c})
	assert.Equal(t, []process.ID{svcMail}, of(c.ID))
	assert.Empty(t, of(process.NewID()), "an item not in the store")
	p := process.NewProblem("p", manager, at(0))
	assert.Empty(t, ServicesFromStore(oneRecord{p})(p.ID), "a record that is not an item")
}
