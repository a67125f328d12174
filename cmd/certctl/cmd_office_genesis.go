package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"certdesk/storage"
	"certdesk/storage/bodylog"
	"certdesk/storage/desk"
	"certdesk/storage/office"
)

// A body can begin from a data folder that worked alone (office init
// --from): the folder's backup becomes the body's first snapshot and
// the journal stream begins on the folder's last entry. init writes the
// backup and that entry into the office's folder; serve, at its first
// start, makes the stream on that base and stores the snapshot, as the
// office's own desk (enrolled by init, its seed kept in the office's
// folder).

const (
	genesisBackup = "genesis.cdbk"
	genesisBase   = "genesis.json"
	genesisDone   = "genesis.stored"
	officeSeed    = "office.nk"
)

// genesisFrom writes the folder from's backup and journal head into the
// office's folder dir, and enrols the office's own desk.
func (e *env) genesisFrom(dir, from string) (bodylog.Base, error) {
	db, err := storage.OpenWith(from, storage.Options{ReadOnly: true, Existing: true, Passphrase: e.pass})
	if err != nil {
		return bodylog.Base{}, inputf("the folder to begin the body from: %v", err)
	}
	defer db.Close()
	if db.Encrypted() {
		return bodylog.Base{}, inputf("%s is encrypted: a body begins from a folder that is not (its snapshot goes to every new desk); decrypt a copy first", from)
	}
	head, err := db.Head(e.ctx)
	if err != nil {
		return bodylog.Base{}, err
	}
	if head.Seq == 0 {
		return bodylog.Base{}, inputf("%s holds no journal: begin the body empty instead (office init without --from)", from)
	}
	if _, err := db.BackupFile(e.ctx, filepath.Join(dir, genesisBackup), e.progress("copying", "keys")); err != nil {
		return bodylog.Base{}, err
	}
	e.progressDone()
	base := bodylog.Base{Seq: head.Seq, Hash: head.Hash}
	data, _ := json.Marshal(base)
	if err := os.WriteFile(filepath.Join(dir, genesisBase), data, 0o600); err != nil {
		return base, err
	}
	seed, err := office.Enrol(dir, "office")
	if err != nil {
		return base, err
	}
	return base, os.WriteFile(filepath.Join(dir, officeSeed), seed, 0o600)
}

// storeGenesis is serve's first start of an office made with --from:
// the stream on the folder's base, and the folder's backup as the
// body's first snapshot. It does nothing once done.
func storeGenesis(ctx context.Context, dir, url string) error {
	data, err := os.ReadFile(filepath.Join(dir, genesisBase))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(dir, genesisDone)); err == nil {
		return nil
	}
	var base bodylog.Base
	if err := json.Unmarshal(data, &base); err != nil {
		return fmt.Errorf("%s: %w", genesisBase, err)
	}
	log, err := bodylog.Open(ctx, url, bodylog.Config{Base: base, CAFile: office.CAFile(dir), CredsFile: filepath.Join(dir, officeSeed)})
	if err != nil {
		return err
	}
	defer log.Close()
	if got, err := log.Base(); err != nil || got != base {
		return fmt.Errorf("the office's stream begins on entry %d %s, not on the folder it was made from (%d %s): %v", got.Seq, got.Hash, base.Seq, base.Hash, err)
	}
	if err := desk.PutGenesis(ctx, log, filepath.Join(dir, genesisBackup), base); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, genesisDone), nil, 0o600)
}
