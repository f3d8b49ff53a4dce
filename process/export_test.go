package process

// FixtureActors and FixtureT0 expose the in-package fixtures to the
// external test that holds them equal to package processtest's.
var (
	FixtureActors = []Actor{desk, im, mim, top, pm, cm, cab1, cab2, ecab, rm, cust, cfgm, owner, dto, slm, sec, brm, sup, nobody}
	FixtureT0     = t0
)
