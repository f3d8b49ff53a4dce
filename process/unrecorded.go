package process

// Unrecorded is the value of a text field that the source system did not
// record: an assignment group, a category, a resolution or resolution code,
// an impact or urgency level ([Level](Unrecorded)) of a record brought in
// with [Import] from a tool whose export holds no value, or one the host
// cannot map, for it (ISO/IEC 20000-1:2011, 4.3.3: records are kept as they
// were, not completed by guesses). It is distinct from "" (empty: nothing
// there, which Validate refuses where the field is required) and is
// accepted wherever a value is required; it reads as itself in JSON. A host
// shows it as "not recorded in the source". A value a tool really holds
// that spells "(unrecorded)" is refused by the mappings of process/itsm
// rather than taken for the marker. [PendingUnrecorded] is its pending
// reason.
const Unrecorded = "(unrecorded)"
