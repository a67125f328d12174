package storetest

import "certdesk/certification"

// The suite writes, besides a few of the domain's own records, two
// records of its own: Thing, which has three indexes, and Note, which
// has none. A Store that must make an empty record of a kind to do its
// work (storage's Badger store does, to delete one) registers these two.
const (
	KindThing certification.Kind = "thing"
	KindNote  certification.Kind = "note"

	IndexThingName = "thing.name" // a Thing's Name as it is
	IndexThingNum  = "thing.num"  // a Thing's Num as 8 big-endian bytes
	IndexThingTag  = "thing.tag"  // each of a Thing's Tags
)

// Thing is a test record filed under three indexes.
type Thing struct {
	ID   certification.ID `json:"id"`
	Name string           `json:"name"`
	Num  uint64           `json:"num"`
	Tags []string         `json:"tags,omitempty"`
}

func (t *Thing) RecordKind() certification.Kind { return KindThing }
func (t *Thing) RecordID() certification.ID     { return t.ID }

// IndexTerms files a Thing under its name, its number and each tag.
func (t *Thing) IndexTerms() []certification.IndexTerm {
	terms := []certification.IndexTerm{
		{Index: IndexThingName, Value: []byte(t.Name)},
		{Index: IndexThingNum, Value: certification.U64(t.Num)},
	}
	for _, tag := range t.Tags {
		terms = append(terms, certification.IndexTerm{Index: IndexThingTag, Value: []byte(tag)})
	}
	return terms
}

// Note is a test record without indexes.
type Note struct {
	ID   certification.ID `json:"id"`
	Text string           `json:"text"`
}

func (n *Note) RecordKind() certification.Kind { return KindNote }
func (n *Note) RecordID() certification.ID     { return n.ID }
