package main

import (
	"time"

	"certdesk/storage"
)

// reindexCmd is certctl reindex: every index entry written again from
// the records (storage.Reindex).
type reindexCmd struct{}

func (reindexCmd) Help() string {
	return `Deletes every index entry of the data folder (the lookups, the
dashboard's certificate lists and the schedule's covering keys) and writes
them again from the records, in bounded transactions. Records, ids and the
journal are not touched and nothing is journalled: index entries are local
to a folder (on a desk, the desk's own). If it is interrupted (Ctrl+C, a
crash) the folder is marked: the next command that opens it for changes
(or reindex again) finishes the rebuild, and until then read-only commands
open it for changes to finish it first, so nothing reads half an index.
Run certctl verify --indexes to see what it repairs.`
}

func (reindexCmd) Run(e *env) error {
	if err := e.open(); err != nil {
		return err
	}
	var rep storage.ReindexReport
	if f := e.db.FinishedReindex(); f != nil {
		rep = *f // opening finished an interrupted rebuild: that was a whole one
	} else {
		var err error
		if rep, err = e.db.Reindex(e.ctx); err != nil {
			return err
		}
	}
	if e.json {
		return e.writeJSON(map[string]any{"data": e.dir, "deleted": rep.Deleted, "written": rep.Written, "records": rep.Records,
			"resumed": rep.Resumed, "seconds": roundSec(rep.Duration)})
	}
	e.printf("Rebuilt the index entries of %s in %s: %d deleted, %d written from %d records",
		e.dir, rep.Duration.Round(time.Millisecond), rep.Deleted, rep.Written, rep.Records)
	if rep.Resumed {
		e.printf(" (an interrupted rebuild was finished)")
	}
	e.printf(".\n")
	return nil
}
