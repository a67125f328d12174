package storage

// Badger reads its table files through memory maps, so a scan of every
// table (a backup, a verify) leaves every page of them resident in the
// process: on the 10,000-client body the app that has written its backup
// at start holds 337 MB of mapped files where its screens need 138 MB.
// The pages are the kernel's clean file cache and it would take them
// back under pressure, but until then they count as the app's memory.
// ReleaseMapped hands them back at once. The kernel then drops them from
// its file cache too (they are mapped by no one else), so the next reader
// of a table reads it from the disk again; a backup therefore hands back
// only the pages that this process had not mapped in before it began
// (residentTables): what the screens read stays.

// residentPages is which pages of each table file (by path) this
// process had mapped in at one moment: a byte a page, bit 0 set for
// resident.
type residentPages map[string][]byte

// residentTables is which pages of the store's table files this process
// has mapped in now; nil for a store in memory, and where the kernel
// cannot be asked.
func (db *DB) residentTables() residentPages {
	if db.dir == "" {
		return nil
	}
	return residentTables(db.dir)
}

// ReleaseMapped asks the kernel to take back the pages of the store's
// table files mapped into this process; the next read of one faults it
// in again from the file. It changes nothing a reader sees. It reports
// whether the kernel took the advice for at least one table: false for a
// store in memory, a folder with no table mapped, and on systems where
// the kernel cannot be asked (anything but Linux 5.4 or later).
func (db *DB) ReleaseMapped() bool { return db.releaseMapped(nil) }

// releaseMapped is ReleaseMapped for the pages keep did not hold as
// resident (all of them for a nil keep).
func (db *DB) releaseMapped(keep residentPages) bool {
	if db.dir == "" {
		return false
	}
	return releaseMapped(db.dir, keep)
}
