package report

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/cmdb"
)

// cmdbStore holds a small CMDB: the mail service, made of the mail
// application (part-of), which runs on a VM hosted on a physical host
// and uses the directory, a CI of the web service too; the web service
// and a spare host outside the mail service's tree.
func cmdbStore(t *testing.T) (*process.MemStore, process.ID) {
	t.Helper()
	cm := process.Actor{ID: "cora", Roles: []process.Role{process.RoleConfigurationManager, process.RoleServiceOwner}}
	at := bt(time.January, 5, 9, 0)
	s := process.NewMemStore()
	mail := process.NewService("mail", cm.ID, cm, at)
	web := process.NewService("web", cm.ID, cm, at)
	mail.ID, web.ID = fixedID(100), fixedID(101)
	mail.Description, mail.Criticality = "mail", process.CriticalityHigh
	web.Description, web.Criticality = "web \"portal\"", process.CriticalityMedium
	app, vm, host := process.NewCIType("application", "app", cm, at), process.NewCIType("virtual machine", "vm", cm, at), process.NewCIType("server", "host", cm, at)
	app.ID, vm.ID, host.ID = fixedID(110), fixedID(111), fixedID(112)
	app.Description, vm.Description, host.Description = "software", "a virtual machine", "a physical server"
	put(t, s, mail, web, app, vm, host)
	ci := func(n int, title string, typ process.ID) *process.ConfigurationItem {
		c := process.NewConfigurationItem(title, typ, cm, at)
		c.ID = fixedID(n)
		c.Description, c.Location, c.Owner = title, "fra-1", cm.ID
		return c
	}
	physical, spare := ci(124, "esx-01", host.ID), ci(125, "esx-02", host.ID)
	guest := ci(123, "vm-mail-01", vm.ID)
	require.NoError(t, guest.Relate(cm, at, process.RelationHostedOn, physical.ID))
	dir := ci(122, "directory", app.ID)
	require.NoError(t, dir.AddService(cm, at, web.ID))
	exchange := ci(121, "mail server", app.ID)
	require.NoError(t, exchange.AddService(cm, at, mail.ID))
	require.NoError(t, exchange.Relate(cm, at, process.RelationRunsOn, guest.ID))
	put(t, s, physical, spare, guest, dir, exchange)
	rel := process.NewCIRelationship("mail uses the directory", exchange.ID, process.RelationDependsOn, dir.ID, cm, at)
	rel.ID = fixedID(130)
	put(t, s, rel)
	return s, mail.ID
}

func TestGraphs(t *testing.T) {
	s, mail := cmdbStore(t)
	whole, err := CMDBGraph(s)
	require.NoError(t, err)
	assert.Len(t, whole.Nodes, 7)
	assert.Len(t, whole.Edges, 5)

	x, err := cmdb.FromStore(s, nil)
	require.NoError(t, err)
	tree, err := DependencyTree(s, x, mail)
	require.NoError(t, err)
	var labels []string
	for _, n := range tree.Nodes {
		labels = append(labels, n.Label)
	}
	// Breadth first from the service: the application, then its VM and
	// the directory, then the physical host; the web service and the
	// spare host are not in the tree.
	assert.Equal(t, []string{"mail", "mail server", "directory", "vm-mail-01", "esx-01"}, labels)
	assert.Len(t, tree.Edges, 4)

	for name, g := range map[string]Graph{"cmdb": whole, "mail-tree": tree} {
		var dot, mer bytes.Buffer
		require.NoError(t, g.WriteDOT(&dot))
		require.NoError(t, g.WriteMermaid(&mer))
		golden(t, name+".dot", dot.Bytes())
		golden(t, name+".mmd", mer.Bytes())
	}

	_, err = DependencyTree(s, x, process.NewID())
	assert.ErrorIs(t, err, process.ErrNotFound)
	_, err = DependencyTree(s, nil, mail)
	assert.True(t, errors.Is(err, process.ErrRequired))
}
