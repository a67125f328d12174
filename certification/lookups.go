package certification

// lookups reads clients' names and certifications once per query.
type lookups struct {
	tx    Tx
	names map[ID]string
	certs map[ID]*Certification
}

func newLookups(tx Tx) *lookups {
	return &lookups{tx: tx, names: map[ID]string{}, certs: map[ID]*Certification{}}
}

func (l *lookups) clientName(id ID) (string, error) {
	if n, ok := l.names[id]; ok {
		return n, nil
	}
	var c Client
	if err := l.tx.Get(id, &c); err != nil {
		return "", err
	}
	l.names[id] = c.DisplayName()
	return l.names[id], nil
}

func (l *lookups) certification(id ID) (*Certification, error) {
	if c, ok := l.certs[id]; ok {
		return c, nil
	}
	c := &Certification{}
	if err := l.tx.Get(id, c); err != nil {
		return nil, err
	}
	l.certs[id] = c
	return c, nil
}
