package storage

// Badger reads its table files through memory maps, so a scan of every
// table (a backup, a verify) leaves every page of them resident in the
// process: on the 10,000-client body the app that has written its backup
// at start holds 337 MB of mapped files where its screens need 138 MB.
// The pages are the kernel's clean file cache and it would take them
// back under pressure, but until then they count as the app's memory.
// ReleaseMapped hands them back at once. The kernel then drops them from
// its file cache too (they are mapped by no one else), so the next reader
// of a table, a screen after the app's backup at start, reads it from
// the disk again.

// ReleaseMapped asks the kernel to take back the pages of the store's
// table files mapped into this process; the next read of one faults it
// in again from the file. It changes nothing a reader sees. It reports
// whether the kernel took the advice for at least one table: false for a
// store in memory, a folder with no table mapped, and on systems where
// the kernel cannot be asked (anything but Linux 5.4 or later).
func (db *DB) ReleaseMapped() bool {
	if db.dir == "" {
		return false
	}
	return releaseMapped(db.dir)
}
