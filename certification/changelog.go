package certification

// ChangeLog notes what a transaction does to each record, in order of
// first touch, so that a Store can list the changes of the journal
// entry it writes. Every Store implementation keeps one per transaction;
// the zero value is ready to use.
type ChangeLog struct {
	order   []*loggedChange
	touched map[loggedRef]*loggedChange
}

type loggedRef struct {
	kind Kind
	id   ID
}

type loggedChange struct {
	loggedRef
	existed bool   // before the transaction
	exists  bool   // now
	hash    string // of the record as stored now, "" when deleted
}

// Touch notes a write or delete of a record. existed is only used on a
// record's first touch, when it tells whether the record was there
// before the transaction; exists and hash say what the record is now.
func (l *ChangeLog) Touch(kind Kind, id ID, existed, exists bool, hash string) {
	r := loggedRef{kind, id}
	c, ok := l.touched[r]
	if !ok {
		if l.touched == nil {
			l.touched = map[loggedRef]*loggedChange{}
		}
		c = &loggedChange{loggedRef: r, existed: existed}
		l.touched[r] = c
		l.order = append(l.order, c)
	}
	c.exists, c.hash = exists, hash
}

// Changes lists the records created, updated or deleted, in order of
// first touch; a record created and deleted again is no change.
func (l *ChangeLog) Changes() []Change {
	var out []Change
	for _, c := range l.order {
		var op string
		switch {
		case !c.existed && c.exists:
			op = "create"
		case c.existed && c.exists:
			op = "update"
		case c.existed && !c.exists:
			op = "delete"
		default:
			continue
		}
		out = append(out, Change{Kind: c.kind, ID: c.id, Op: op, Hash: c.hash})
	}
	return out
}
