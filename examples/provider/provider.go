package main

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/shopspring/decimal"

	"github.com/smskit/iso20000/budgeting"
	"github.com/smskit/iso20000/process"
	"github.com/smskit/iso20000/process/calendar"
	"github.com/smskit/iso20000/sms"
)

// The people of the provider: stable user IDs, as a directory gives them,
// with the roles they hold.
var (
	desk    = actor("u1001-dana", process.RoleServiceDesk)
	desk2   = actor("u1002-omar", process.RoleServiceDesk)
	im      = actor("u1010-ines", process.RoleIncidentManager, process.RoleMajorIncidentManager)
	pm      = actor("u1011-paul", process.RoleProblemManager)
	cm      = actor("u1012-carl", process.RoleChangeManager)
	cab1    = actor("u1013-alice", process.RoleChangeAuthority)
	cab2    = actor("u1014-bob", process.RoleChangeAuthority)
	rm      = actor("u1016-rita", process.RoleReleaseManager)
	cfgm    = actor("u1017-cem", process.RoleConfigurationManager)
	slm     = actor("u1018-lee", process.RoleServiceLevelManager)
	brm     = actor("u1019-bea", process.RoleRelationshipManager)
	supm    = actor("u1020-sven", process.RoleSupplierManager)
	secm    = actor("u1021-sid", process.RoleSecurityManager)
	contm   = actor("u1022-cole", process.RoleContinuityManager)
	capm    = actor("u1023-cathy", process.RoleCapacityManager)
	finm    = actor("u1024-mia", process.RoleFinanceManager)
	owner   = actor("u1025-olga", process.RoleServiceOwner)
	dto     = actor("u1026-dora", process.RoleDesignTransitionOwner)
	top     = actor("u1000-tess", process.RoleTopManagement)
	rep     = actor("u1027-raj", process.RoleManagementRep, process.RoleTopManagement)
	auditor = actor("u1028-ann", process.RoleAuditor)
	cust1   = actor("c2001-kai", process.RoleCustomer)
	cust2   = actor("c3001-amy", process.RoleCustomer)
)

func actor(id string, roles ...process.Role) process.Actor {
	return process.Actor{ID: id, Roles: roles}
}

// provider is the generated provider: its store and the records the
// generator reads again.
type provider struct {
	seed    uint64
	rng     *rand.Rand
	store   *process.MemStore
	quarter process.Window
	// calendars by the names service targets use.
	calendars map[string]*calendar.Calendar
	customers []*customer
	// services are the customer-facing services, in customer order.
	services []*service
	platform *process.Service
	// cmdb
	ciTypes map[string]*process.CIType
	cis     []*process.ConfigurationItem
	hosts   []*process.ConfigurationItem
	// policies and plans the operations refer to.
	changePolicy  *process.ChangePolicy
	releasePolicy *process.ReleasePolicy
	continuity    *process.ContinuityPlan
	availability  *process.AvailabilityPlan
	securityRisk  *process.SecurityRiskAssessment
	schedules     []*process.ScheduleOfChange
	supplier      *process.Supplier
	contract      *process.SupplierContract
	contracts     []*process.SupplierContract
	ola           *process.OLA
	// improvementChange are changes that reviews and improvements raised.
	improvementChange []*process.RequestForChange
	budgets           []*budgeting.Budget
	apportion         *budgeting.Apportioner
	costs             []budgeting.CostEntry
	sys               sms.System
	attestations      []sms.Attestation
	docs              map[process.Process]*sms.Document
	capacityRun       *capacityRun
	// counts of what the quarter generated, by kind.
	generated map[process.RecordKind]int
	err       error
}

// customer is one customer with its agreement and report definition.
type customer struct {
	rec      *process.Customer
	zone     *time.Location
	office   string // the calendar of its office hours
	allDay   string // the calendar of its around-the-clock targets
	sla      *process.SLA
	def      *process.ReportDefinition
	services []*service
	slug     string
}

// service is a customer-facing service with its components and the
// incident rates and faults the generator draws from.
type service struct {
	rec  *process.Service
	cust *customer
	// apps are the CIs tickets name; all its CIs make up its CMDB tree.
	apps []*process.ConfigurationItem
	// rate is the mean number of incidents an office hour, requests the
	// same of service requests.
	rate, requests float64
	// faults are the recurring causes that problem management finds.
	faults []string
	slug   string
}

// build generates the provider of seed: the set-up, then the quarter.
func build(seed uint64) (*provider, error) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		return nil, err
	}
	p := &provider{
		seed: seed, rng: rand.New(rand.NewPCG(seed, 0x20000)), store: process.NewMemStore(),
		quarter:   process.Window{Start: time.Date(2026, 4, 1, 0, 0, 0, 0, berlin), End: time.Date(2026, 7, 1, 0, 0, 0, 0, berlin)},
		ciTypes:   map[string]*process.CIType{},
		generated: map[process.RecordKind]int{},
		docs:      map[process.Process]*sms.Document{},
	}
	for _, phase := range []func() error{p.setCalendars, p.setSMS, p.setServices, p.setCMDB, p.setSuppliers,
		p.setPolicies, p.setBudgets, p.operate, p.setReviews} {
		if err := phase(); err != nil {
			return nil, err
		}
		if p.err != nil {
			return nil, p.err
		}
	}
	return p, nil
}

// do keeps the first error of a chain of moves; later moves still run
// but nothing is stored once one failed.
func (p *provider) do(err error) {
	if err != nil && p.err == nil {
		p.err = err
	}
}

// named gives r an ID from the seed, ordered by its creation time as a
// version 7 UUID is, so that the same seed gives the same IDs.
func named[R process.Record](p *provider, r R) R {
	r.Meta().ID = p.newID(r.Meta().Created)
	return r
}

// newID returns a version 7 UUID for the instant at whose random bits
// come from the seed.
func (p *provider) newID(at time.Time) process.ID {
	var b [16]byte
	binary.BigEndian.PutUint64(b[0:8], uint64(at.UnixMilli())<<16)
	binary.BigEndian.PutUint64(b[8:16], p.rng.Uint64())
	b[6], b[7] = 0x70|byte(p.rng.Uint32()&0x0f), byte(p.rng.Uint32())
	b[8] = 0x80 | b[8]&0x3f
	return process.ID(b)
}

// put stores records through the store's checks, counting the kinds of
// the quarter's records.
func (p *provider) put(rs ...process.Record) {
	for _, r := range rs {
		if p.err != nil {
			return
		}
		if err := p.store.Put(r); err != nil {
			p.err = fmt.Errorf("storing %s %q: %w", r.Meta().Kind, r.Meta().Title, err)
			return
		}
	}
}

// day returns 09:00 on the given day of 2026 in Berlin.
func (p *provider) day(month time.Month, d int) time.Time {
	return time.Date(2026, month, d, 9, 0, 0, 0, p.quarter.Start.Location())
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// setCalendars compiles the service hours: office hours and around the
// clock in Berlin and in New York, each with its public holidays; the
// German ones include the movable feasts of Easter and Whitsun.
func (p *provider) setCalendars() error {
	office := func(from, to int) [7][]calendar.Interval {
		return calendar.MondayToFriday(calendar.Interval{Start: calendar.HM(from, 0), End: calendar.HM(to, 0)})
	}
	yearly := func(name string, m time.Month, d int) calendar.Holiday {
		return calendar.Holiday{Name: name, Date: calendar.Date{Year: 2026, Month: m, Day: d}, Yearly: true}
	}
	feast := func(name string, f calendar.Feast) calendar.Holiday { return calendar.Holiday{Name: name, Feast: f} }
	german := []calendar.Holiday{
		yearly("New Year's Day", time.January, 1), feast("Good Friday", calendar.GoodFriday), feast("Easter Monday", calendar.EasterMonday),
		yearly("Labour Day", time.May, 1), feast("Ascension Day", calendar.Ascension), feast("Whit Monday", calendar.WhitMonday),
		yearly("Day of German Unity", time.October, 3), yearly("Christmas Day", time.December, 25), yearly("Boxing Day", time.December, 26),
	}
	// The federal holidays of the United States that fall on a weekday
	// of a given week are dated each year.
	american := []calendar.Holiday{
		yearly("New Year's Day", time.January, 1), {Name: "Memorial Day", Date: calendar.Date{Year: 2026, Month: time.May, Day: 25}},
		yearly("Juneteenth", time.June, 19), {Name: "Independence Day (observed)", Date: calendar.Date{Year: 2026, Month: time.July, Day: 3}},
		{Name: "Labor Day", Date: calendar.Date{Year: 2026, Month: time.September, Day: 7}},
		{Name: "Thanksgiving", Date: calendar.Date{Year: 2026, Month: time.November, Day: 26}}, yearly("Christmas Day", time.December, 25),
	}
	specs := []calendar.Spec{
		{Name: "berlin-office", Zone: "Europe/Berlin", Week: office(7, 19), Holidays: german},
		{Name: "berlin-24x7", Zone: "Europe/Berlin", Week: calendar.EveryDay(calendar.AllDay())},
		{Name: "newyork-office", Zone: "America/New_York", Week: office(8, 20), Holidays: american},
		{Name: "newyork-24x7", Zone: "America/New_York", Week: calendar.EveryDay(calendar.AllDay())},
	}
	p.calendars = map[string]*calendar.Calendar{}
	for _, s := range specs {
		c, err := calendar.New(s)
		if err != nil {
			return err
		}
		p.calendars[s.Name] = c
	}
	return nil
}

// setServices records the customers, their services and their SLAs, the
// OLA of the internal platform team, and the report definitions.
func (p *provider) setServices() error {
	jan := p.day(time.January, 5)
	newYork := p.calendars["newyork-office"].Location()
	defs := []struct {
		name, contact, users, slug string
		zone                       *time.Location
		office, allDay             string
		services                   []service
	}{
		{"Spreewerk Logistik GmbH", "it-leitung@spreewerk.example", "dispatchers and warehouse staff", "spreewerk", p.quarter.Start.Location(), "berlin-office", "berlin-24x7", []service{
			{slug: "fleet", rate: 0.16, requests: 0.18, faults: []string{"GPS feed from the trucks drops", "route optimiser times out"}},
			{slug: "warehouse", rate: 0.12, requests: 0.22, faults: []string{"label printers lose their queue", "stock sync job stalls"}},
		}},
		{"Hudson Health Partners", "servicedesk@hudsonhealth.example", "clinicians and patients", "hudson", newYork, "newyork-office", "newyork-24x7", []service{
			{slug: "portal", rate: 0.14, requests: 0.12, faults: []string{"portal login loops after password change", "appointment search is slow"}},
			{slug: "mail", rate: 0.10, requests: 0.30, faults: []string{"mailbox quota warnings not sent"}},
		}},
	}
	titles := map[string]string{"fleet": "Fleet tracking", "warehouse": "Warehouse management", "portal": "Patient portal", "mail": "Clinical e-mail"}
	descriptions := map[string]string{"fleet": "live position and routing of 1,400 trucks", "warehouse": "stock, picking and shipping in three warehouses",
		"portal": "appointments and records for 220,000 patients", "mail": "mail and calendars for 3,100 clinicians"}
	for _, d := range defs {
		c := &customer{zone: d.zone, office: d.office, allDay: d.allDay, slug: d.slug}
		c.rec = named(p, process.NewCustomer(d.name, brm.ID, brm, jan))
		c.rec.Contacts, c.rec.Users = []string{d.contact}, []string{d.users}
		p.put(c.rec)
		var ids []process.ID
		for i := range d.services {
			s := d.services[i]
			s.cust = c
			s.rec = named(p, process.NewService(titles[s.slug], owner.ID, owner, jan))
			s.rec.Description, s.rec.Customers = descriptions[s.slug], []process.ID{c.rec.ID}
			s.rec.Criticality = process.CriticalityHigh
			p.do(s.rec.GoLive(owner, jan))
			p.put(s.rec)
			c.services = append(c.services, &s)
			p.services = append(p.services, &s)
			ids = append(ids, s.rec.ID)
		}
		c.sla = named(p, process.NewSLA(d.name+" service level agreement", c.rec.ID, p.terms(c, ids, jan), slm, jan))
		p.do(c.sla.Agree(slm, jan.Add(time.Hour), "agreed with "+d.name))
		p.do(c.sla.Enforce(slm, jan.Add(2*time.Hour), "in force from January"))
		p.put(c.sla)
		c.def = named(p, process.NewReportDefinition(d.name+" monthly service report", "SR-"+d.slug, "service performance for "+d.name, process.ReportMonthly, slm, jan))
		c.def.Audience, c.def.Sources = []string{d.name + " IT management"}, []string{"incidents", "service requests", "changes", "SLA"}
		p.put(c.def)
		p.customers = append(p.customers, c)
	}
	// The platform every service runs on serves both customers.
	p.platform = named(p, process.NewService("Hosting platform", owner.ID, owner, jan))
	p.platform.Description, p.platform.Criticality = "the virtualised platform every service runs on, hosted by Rheinhost", process.CriticalityCritical
	p.platform.Customers = []process.ID{p.customers[0].rec.ID, p.customers[1].rec.ID}
	p.do(p.platform.GoLive(owner, jan))
	p.put(p.platform)
	// The platform team's OLA backs both SLAs.
	var all []process.ID
	for _, s := range p.services {
		all = append(all, s.rec.ID)
	}
	ola := named(p, process.NewOLA("Platform team OLA", "platform team", process.AgreementTerms{Services: all,
		Targets: []process.ServiceTarget{
			{Name: "platform availability", Kind: process.TargetAvailability, Value: dec("99.9"), Unit: process.UnitPercent, Calendar: "berlin-24x7"},
			{Name: "P1 response", Kind: process.TargetResponse, Value: dec("10"), Unit: process.UnitMinutes, Calendar: "berlin-24x7"},
		},
		Workload: []process.WorkloadCharacteristic{{Measure: "escalated incidents", Volume: decimal.NewFromInt(60), Per: "month"}},
		Start:    jan}, slm, jan))
	p.do(ola.Agree(slm, jan.Add(time.Hour), "agreed"))
	p.do(ola.Enforce(slm, jan.Add(2*time.Hour), "in force"))
	for _, c := range p.customers {
		p.do(ola.Link(slm, jan.Add(2*time.Hour), process.LinkSupports, c.sla.ID, process.KindSLA))
	}
	p.put(ola)
	p.ola = ola

	// One catalogue per customer: its services and the platform under them.
	for _, c := range p.customers {
		cat := named(p, process.NewServiceCatalogue("Service catalogue 2026, "+c.rec.Title, slm, jan))
		cat.Customer = c.rec.ID
		for _, s := range c.services {
			cat.Entries = append(cat.Entries, process.CatalogueEntry{Service: s.rec.ID, Description: s.rec.Description,
				DependsOn: []process.ID{p.platform.ID}, Components: []string{"application", "database", "virtual machines"}})
			p.do(cat.Link(slm, jan, process.LinkService, s.rec.ID, process.KindService))
		}
		cat.Entries = append(cat.Entries, process.CatalogueEntry{Service: p.platform.ID, Description: p.platform.Description, Components: []string{"hosts", "storage", "network"}})
		p.do(cat.Link(slm, jan, process.LinkService, p.platform.ID, process.KindService))
		p.put(cat)
	}
	p.put(named(p, process.NewInterestedParty("Berlin data protection authority", "regulator", "personal data of drivers and patients", brm, jan)))
	return nil
}

// terms are the terms of a customer's SLA: availability on office hours,
// response and resolution per priority (P1 around the clock, the others
// on office hours, P3 and P4 paused while waiting for the customer).
func (p *provider) terms(c *customer, services []process.ID, start time.Time) process.AgreementTerms {
	t := func(name string, k process.TargetKind, v string, u process.TargetUnit, cal string, pause bool) process.ServiceTarget {
		st := process.ServiceTarget{Name: name, Kind: k, Value: dec(v), Unit: u, Calendar: cal}
		if pause {
			st.Pause = []process.PendingReason{process.PendingCustomer}
		}
		return st
	}
	return process.AgreementTerms{Services: services, Start: start,
		Targets: []process.ServiceTarget{
			t("availability", process.TargetAvailability, "99.5", process.UnitPercent, c.office, false),
			t("P1 response", process.TargetResponse, "15", process.UnitMinutes, c.allDay, false),
			t("P1 resolution", process.TargetResolution, "4", process.UnitHours, c.allDay, false),
			t("P2 response", process.TargetResponse, "30", process.UnitMinutes, c.office, false),
			t("P2 resolution", process.TargetResolution, "8", process.UnitHours, c.office, false),
			t("P3 response", process.TargetResponse, "2", process.UnitHours, c.office, true),
			t("P3 resolution", process.TargetResolution, "24", process.UnitHours, c.office, true),
			t("P4 response", process.TargetResponse, "4", process.UnitHours, c.office, true),
			t("P4 resolution", process.TargetResolution, "40", process.UnitHours, c.office, true),
		},
		Workload:   []process.WorkloadCharacteristic{{Measure: "incidents", Volume: decimal.NewFromInt(120), Per: "month", Pattern: "peaks on Monday mornings"}},
		Exceptions: []string{"planned maintenance in the agreed Tuesday evening window"},
	}
}

// setCMDB records the configuration items: per service its applications,
// databases and virtual machines, on a shared platform of hosts, storage
// and network, with their relationships.
func (p *provider) setCMDB() error {
	jan := p.day(time.January, 6)
	for _, code := range []string{"application", "database", "virtual-machine", "host", "storage-array", "switch", "firewall", "load-balancer"} {
		t := named(p, process.NewCIType(code, code, cfgm, jan))
		t.Description, t.Versioned = "a "+code, code == "application" || code == "database"
		p.ciTypes[code] = t
		p.put(t)
	}
	ci := func(title, code, location string, svc process.ID) *process.ConfigurationItem {
		c := named(p, process.NewConfigurationItem(title, p.ciTypes[code].ID, cfgm, jan))
		c.Description, c.Location, c.Owner = title, location, owner.ID
		if code == "application" || code == "database" {
			c.Version = fmt.Sprintf("%d.%d", 2+p.rng.IntN(4), p.rng.IntN(10))
		}
		p.do(c.Move(cfgm, jan, process.CIActive, process.ID{}))
		c.Controlled = code == "application" // from now on changed only under a request for change
		if !svc.IsZero() {
			p.do(c.AddService(cfgm, jan, svc))
		}
		p.cis = append(p.cis, c)
		return c
	}
	relate := func(c *process.ConfigurationItem, t process.RelationType, to *process.ConfigurationItem) {
		p.do(c.Relate(cfgm, jan, t, to.ID))
	}
	// The platform: two sites, each with its switches, firewalls, storage
	// and 24 hosts.
	var core []*process.ConfigurationItem
	for _, site := range []string{"Frankfurt", "Nuremberg"} {
		sw := []*process.ConfigurationItem{ci("core switch "+site+" A", "switch", site, p.platform.ID), ci("core switch "+site+" B", "switch", site, p.platform.ID)}
		for i := range 4 {
			ci(fmt.Sprintf("access switch %s %d", site, i+1), "switch", site, p.platform.ID)
		}
		fw := ci("firewall "+site, "firewall", site, p.platform.ID)
		relate(fw, process.RelationConnectedTo, sw[0])
		relate(fw, process.RelationConnectedTo, sw[1])
		lb := ci("load balancer "+site, "load-balancer", site, p.platform.ID)
		relate(lb, process.RelationDependsOn, fw)
		storage := ci("storage array "+site, "storage-array", site, p.platform.ID)
		relate(storage, process.RelationConnectedTo, sw[0])
		for i := range 24 {
			h := ci(fmt.Sprintf("host %s-%02d", site[:3], i+1), "host", site, p.platform.ID)
			relate(h, process.RelationConnectedTo, sw[i%2])
			relate(h, process.RelationDependsOn, storage)
			p.hosts = append(p.hosts, h)
		}
		core = append(core, lb)
	}
	// Each service: applications, databases and virtual machines spread
	// over the hosts of both sites.
	for si, s := range p.services {
		var dbs []*process.ConfigurationItem
		for i := range 3 {
			dbs = append(dbs, ci(fmt.Sprintf("%s database %d", s.rec.Title, i+1), "database", "Frankfurt", s.rec.ID))
		}
		for i := range 8 {
			app := ci(fmt.Sprintf("%s application %d", s.rec.Title, i+1), "application", "Frankfurt", s.rec.ID)
			relate(app, process.RelationDependsOn, dbs[i%3])
			relate(app, process.RelationUses, core[i%2])
			s.apps = append(s.apps, app)
		}
		for i := range 36 {
			vm := ci(fmt.Sprintf("%s vm %02d", s.rec.Title, i+1), "virtual-machine", "Frankfurt", s.rec.ID)
			relate(vm, process.RelationHostedOn, p.hosts[(si*36+i*7)%len(p.hosts)])
			if i < 8 {
				relate(s.apps[i], process.RelationRunsOn, vm)
			} else if i < 11 {
				relate(dbs[i-8], process.RelationRunsOn, vm)
			}
		}
	}
	for _, c := range p.cis {
		p.put(c)
	}
	return nil
}

// setSuppliers records the hosting supplier, its network sub-contractor,
// their contracts and the access agreement of the supplier's staff.
func (p *provider) setSuppliers() error {
	jan := p.day(time.January, 7)
	p.supplier = named(p, process.NewSupplier("Rheinhost AG", supm.ID, supm, jan))
	p.supplier.Contact = "account@rheinhost.example"
	p.put(p.supplier)
	sub := named(p, process.NewSubcontractor("Spree Netz GmbH", supm.ID, p.supplier.ID, supm, jan))
	sub.Contact = "noc@spreenetz.example"
	p.put(sub)
	target := process.ServiceTarget{Name: "data centre availability", Kind: process.TargetAvailability, Value: dec("99.95"), Unit: process.UnitPercent, Calendar: "berlin-24x7"}
	contract := func(title string, supplier process.ID, scope string) *process.SupplierContract {
		k := named(p, process.NewSupplierContract(title, supplier, jan, supm, jan))
		k.Scope = scope
		k.Dependencies = "our services depend on the hosting; the hosting depends on the network carrier"
		k.Requirements = []string{"two sites 200 km apart", "EU data residency"}
		k.Targets = []process.ServiceTarget{target}
		k.Interfaces = "incidents and changes exchanged through the service desk API"
		k.Integration = "attends the weekly change board and the monthly service review"
		k.Workload = []process.WorkloadCharacteristic{{Measure: "racks", Volume: decimal.NewFromInt(12), Per: "site"}}
		k.Exceptions = []string{"force majeure"}
		k.Responsibilities = []process.RoleAssignment{{Role: "contract manager", Holder: supm.ID}, {Role: "account manager", Holder: "supplier"}}
		k.Reporting, k.Charging = "monthly performance report", "fixed monthly fee per rack"
		k.Termination, k.Transfer = "six months' notice", "assists migration for three months"
		return k
	}
	p.contract = contract("Rheinhost hosting contract", p.supplier.ID, "data centre space, power and remote hands at two sites")
	carrier := contract("Spree Netz carrier contract", sub.ID, "the network between the two sites and to the customers")
	for _, k := range []*process.SupplierContract{p.contract, carrier} {
		p.do(k.Link(supm, jan, process.LinkSupports, p.ola.ID, process.KindOLA))
		p.put(k)
	}
	p.contracts = []*process.SupplierContract{p.contract, carrier}
	access := named(p, process.NewAccessAgreement("Rheinhost remote hands access", "Rheinhost AG", "racks and consoles at both sites", jan, secm, jan))
	access.Controls = []string{"escorted access", "named engineers only", "quarterly access review"}
	p.do(access.Link(secm, jan, process.LinkGrantsAccess, p.supplier.ID, process.KindSupplier))
	p.put(access)
	return nil
}

// setPolicies records the change and release policies, the security
// policy with its risks and controls, the continuity and availability
// plans, and the capacity resources.
func (p *provider) setPolicies() error {
	jan := p.day(time.January, 8)
	var apps []process.ID
	for _, s := range p.services {
		for _, a := range s.apps {
			apps = append(apps, a.ID)
		}
	}
	p.changePolicy = named(p, process.NewChangePolicy("Change policy", cm, jan))
	p.changePolicy.ControlledCIs = apps
	p.changePolicy.MajorImpactCriteria = []string{"a new or removed service", "an outage of a service over four hours"}
	p.changePolicy.StandardChanges = []process.StandardChange{{Code: "patch", Description: "monthly operating system patch of a VM"}}
	p.put(p.changePolicy)
	p.releasePolicy = named(p, process.NewReleasePolicy("Release policy", rm, jan))
	p.releasePolicy.Frequency = "a minor release per service a month, major releases each quarter"
	p.releasePolicy.Types = []process.ReleaseType{process.ReleaseMajor, process.ReleaseMinor, process.ReleaseEmergency}
	p.releasePolicy.Emergency = "emergency releases follow the emergency change procedure"
	p.put(p.releasePolicy)

	sec := named(p, process.NewSecurityPolicy("Information security policy", "protect customer data and keep services available", secm.ID, secm, jan))
	p.do(sec.Approve(top, jan.Add(time.Hour), "approved by the board"))
	p.do(sec.Communicate(secm, jan.Add(2*time.Hour), []string{"staff", "customers", "suppliers"}, "sent and on the intranet"))
	p.put(sec)
	mfa := named(p, process.NewSecurityControl("Multi-factor authentication", "no administrative access without a second factor", secm.ID, secm, jan))
	mfa.Measures = []process.EffectivenessMeasure{{Name: "MFA coverage", Method: "monthly account scan", Result: "100 %", Measured: jan}}
	p.put(mfa)
	p.securityRisk = named(p, process.NewSecurityRiskAssessment("Security risk assessment 2026", "all services", jan, secm, jan))
	p.securityRisk.Risks = []process.SecurityRisk{{Asset: "patient records", Threat: "credential theft", Likelihood: process.LevelMedium,
		Impact: process.LevelHigh, Treatment: process.TreatReduce, Owner: secm.ID, Controls: []process.ID{mfa.ID}}}
	p.securityRisk.NextDue = p.day(time.December, 1)
	p.do(p.securityRisk.Link(secm, jan, process.LinkTreatedBy, mfa.ID, process.KindSecurityControl))
	p.put(p.securityRisk)

	var all []process.ID
	for _, s := range p.services {
		all = append(all, s.rec.ID)
	}
	terms := func() process.PlanTerms {
		return process.PlanTerms{Services: all, Invocation: "the duty manager invokes the plan when a site is lost",
			Responsibilities: []process.RoleAssignment{{Role: "invokes the plan", Holder: contm.ID}},
			Targets:          []process.ServiceTarget{{Name: "availability in invocation", Kind: process.TargetAvailability, Value: dec("95"), Unit: process.UnitPercent, Calendar: "berlin-24x7"}},
			Recovery:         []process.RecoveryRequirement{{Description: "every service back in Nuremberg", RecoveryTime: 4 * time.Hour, DataLoss: 15 * time.Minute}},
			ReturnToNormal:   "move back to Frankfurt in a planned window", Retest: "within a month of a major change"}
	}
	risks := named(p, process.NewContinuityRiskAssessment("Continuity risk assessment 2026", jan, contm, jan))
	risks.Services, risks.Requirements = all, "each service recovers in four hours, as the SLAs ask"
	risks.Risks = []process.ContinuityRisk{{Description: "loss of the Frankfurt site", Likelihood: process.LevelLow, Impact: process.LevelHigh, Treatment: process.TreatReduce, Action: "warm standby in Nuremberg"}}
	risks.NextDue = p.day(time.December, 1)
	for _, c := range p.customers {
		p.do(risks.Link(contm, jan, process.LinkAbout, c.sla.ID, process.KindSLA))
	}
	p.put(risks)
	p.continuity = named(p, process.NewContinuityPlan("Service continuity plan", terms(), contm, jan))
	p.availability = named(p, process.NewAvailabilityPlan("Availability plan", terms(), contm, jan))
	p.put(p.continuity, p.availability)
	return nil
}
