package cmdb

import (
	"strings"
	"testing"
	"time"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/processtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// storeCMDB fills a store with a small CMDB as records: the service mail,
// the application exim (part of mail) running on vm1, vm1 running on host1
// (a ci-relationship record), an open incident and an open change on host1,
// and a cancelled incident on vm1.
type storeCMDB struct {
	s                         *process.MemStore
	mail, exim, vm1, host1    process.ID
	incOpen, incDone, rfcOpen process.ID
}

func newStoreCMDB(t *testing.T) storeCMDB {
	t.Helper()
	at := processtest.T0
	cfg, desk, chg := processtest.CfgM, processtest.Desk, processtest.CM
	s := process.NewMemStore()
	put := func(r process.Record) process.ID {
		t.Helper()
		require.NoError(t, s.Put(r))
		return r.Meta().ID
	}
	svc := process.NewService("Mail", "olga", cfg, at)
	svc.Description, svc.Criticality = "mail for staff", process.CriticalityHigh
	mail := put(svc)
	typ := process.NewCIType("Server", "server", cfg, at)
	typ.Description = "a server"
	server := put(typ)
	app := process.NewCIType("Application", "application", cfg, at)
	app.Description = "software"
	appType := put(app)
	ci := func(title string, typ process.ID) *process.ConfigurationItem {
		c := process.NewConfigurationItem(title, typ, cfg, at)
		c.Description, c.Location, c.Owner = title, "dc1", "ops"
		return c
	}
	host1 := put(ci("host1", server))
	vm := ci("vm1", server)
	vm1 := put(vm)
	exim := ci("exim", appType)
	require.NoError(t, exim.Relate(cfg, at, process.RelationRunsOn, vm1))
	require.NoError(t, exim.AddService(cfg, at, mail))
	put(exim)
	put(process.NewCIRelationship("vm1 on host1", vm1, process.RelationRunsOn, host1, cfg, at))

	incident := func(title string) *process.Incident {
		i := process.NewIncident(title, desk, at)
		i.Description = title
		require.NoError(t, i.Classify(desk, at, "server", process.LevelMedium, process.LevelMedium, 3))
		require.NoError(t, i.SetService(desk, at, mail))
		return i
	}
	inc := incident("host1 slow")
	require.NoError(t, inc.Affect(desk, at, host1))
	incOpen := put(inc)
	done := incident("vm1 blip")
	require.NoError(t, done.Affect(desk, at, vm1))
	require.NoError(t, done.Cancel(desk, at.Add(time.Minute), "duplicate"))
	incDone := put(done)
	rfc := process.NewRequestForChange("patch host1", process.ChangeNormal, chg, at)
	rfc.Description = "patch"
	require.NoError(t, rfc.Affect(chg, at, host1))
	rfcOpen := put(rfc)
	return storeCMDB{s: s, mail: mail, exim: exim.ID, vm1: vm1, host1: host1, incOpen: incOpen, incDone: incDone, rfcOpen: rfcOpen}
}

func TestIndexFromStoreAndOpenWork(t *testing.T) {
	c := newStoreCMDB(t)
	x, err := FromStore(c.s, nil)
	require.NoError(t, err)
	assert.Equal(t, 4, x.Len())
	r, err := x.Impact(ImpactQuery{CIs: []process.ID{c.host1}, Direction: Downstream})
	require.NoError(t, err)
	defer r.Release()
	var got []AffectedWork
	for w, err := range r.Open(c.s) {
		require.NoError(t, err)
		got = append(got, w)
	}
	require.Len(t, got, 4)
	assert.Equal(t, AffectedWork{
		AffectedCI: AffectedCI{CI: c.host1, Type: "server"},
		OpenWork:   OpenWork{Incidents: []process.ID{c.incOpen}, Changes: []process.ID{c.rfcOpen}},
	}, got[0])
	assert.Equal(t, AffectedCI{CI: c.vm1, Type: "server", Depth: 1}, got[1].AffectedCI)
	assert.True(t, got[1].Empty(), "the cancelled incident is not open: %+v", got[1].OpenWork)
	assert.Equal(t, c.exim, got[2].CI)
	assert.Equal(t, AffectedCI{CI: c.mail, Type: "service", Service: true, Depth: 3}, got[3].AffectedCI)
	assert.Equal(t, []ImpactStep{
		{CI: c.host1}, {CI: c.vm1, Relation: process.RelationRunsOn}, {CI: c.exim, Relation: process.RelationRunsOn}, {CI: c.mail, Relation: process.RelationPartOf},
	}, r.Path(c.mail))
}

func TestFlowText(t *testing.T) {
	for _, f := range []Flow{FlowToSource, FlowToTarget, FlowBoth} {
		t.Run(string(f), func(t *testing.T) { processtest.EnumText(t, f) })
	}
}

func TestBuildErrorPrefix(t *testing.T) {
	var b Builder
	err := b.AddCI(Node{ID: cid(1)})
	require.ErrorIs(t, err, process.ErrRequired)
	assert.True(t, strings.HasPrefix(err.Error(), "cmdb: ci "), "got %q", err)

	_, err = Build([]Node{{ID: cid(1)}}, nil, []RedundancyGroup{{CI: cid(1)}})
	var ve *process.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "cmdb", ve.Package)
	assert.True(t, strings.HasPrefix(err.Error(), "cmdb: index invalid: cis[0]: ci "), "got %q (the merged reason does not repeat the package)", err)
	assert.True(t, ve.Has("groups[0].members", process.ErrRequired), "got %v", err)
}
