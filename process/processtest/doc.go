// Package processtest holds what the module's tests share, and what a host's
// tests may use too, as net/http/httptest does for HTTP:
//
//   - fixtures: one base time ([T0], [At]) and one set of actors, one per
//     role a rule of ISO/IEC 20000-1:2011 asks for ([Desk], [CM], [Owner], …,
//     listed by [Actors]), and zones and wall times for calendar tests
//     ([Location], [Local]);
//   - checks of the module's conventions on a host's or a package's own
//     types: [EnumText] holds an enumeration to the encoding rule, and
//     [RoundTrip] a decoded record to its JSON round trip;
//   - [ThreadCPU], the CPU time of the calling thread, for benchmarks on a
//     shared machine.
//
// Nothing in the library depends on it. The in-package tests of process
// cannot import it (that would be a cycle); process's fixtures_test.go
// declares the same values under lower-case names, and a test holds the two
// equal.
package processtest
