package certification

// Reread is File.reread, for the external tests.
func (f *File) Reread(tx Tx, written ...Record) error { return f.reread(tx, written...) }
