package storage

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// A folder swap puts a new data folder, written and checked beside the
// old one under a hidden name, in the old one's place: Encrypt swaps in
// the encrypted copy and deletes the plain folder; Restore swaps in the
// restored store and keeps the old contents under a new name. The swap
// is recorded in a journal beside the folder before anything is
// renamed, so that one cut short by a crash or a power cut is finished
// the next time the folder is opened (recoverSwap): the new folder was
// checked before the swap began.

// swapState is the journal of a folder swap in progress, beside the
// folder. The JSON names are those of the encryption swap, the first
// to be journalled, so that a journal an older CertDesk left is read.
type swapState struct {
	// Dir is the data folder, Tmp the checked new folder beside it, and
	// Aside where Dir's old contents go ("" when Dir holds none).
	Dir   string `json:"dir"`
	Tmp   string `json:"encrypted"`
	Aside string `json:"unencrypted"`
	// KeepOld keeps the old contents at Aside (a restore); otherwise
	// they are deleted once the new folder is in place (encryption).
	KeepOld bool `json:"keep_old,omitempty"`
}

// errSwapUnfinished is matched when a swap stopped half-way and could
// not be undone: the journal stays, and opening the folder finishes it.
var errSwapUnfinished = errors.New("the folder swap is unfinished")

func swapPath(dir string) string {
	return filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".encrypt-swap.json")
}

func (s swapState) write() error {
	b, err := json.Marshal(s)
	if err != nil {
		return err
	}
	path := swapPath(s.Dir)
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("recording the swap: %w", err)
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("recording the swap: %w", err)
	}
	syncDir(filepath.Dir(path))
	return nil
}

func (s swapState) remove() {
	os.Remove(swapPath(s.Dir))
	syncDir(filepath.Dir(s.Dir))
}

// run records the swap and moves Tmp into Dir's place: Dir is first
// renamed to Aside (or, when Aside is "", removed, which it must allow
// by being empty or missing). If it fails before Tmp is in place the
// old folder is put back, the journal dropped and nothing is changed
// (Tmp is then the caller's to delete); if it cannot be put back the
// error matches errSwapUnfinished. On success the journal stays until
// finish.
func (s swapState) run() error {
	if err := s.write(); err != nil {
		return fmt.Errorf("%w; nothing was changed", err)
	}
	if s.Aside == "" {
		if err := os.Remove(s.Dir); err != nil && !errors.Is(err, os.ErrNotExist) {
			s.remove()
			return fmt.Errorf("%w; nothing was changed", err)
		}
	} else if err := os.Rename(s.Dir, s.Aside); err != nil {
		s.remove()
		return fmt.Errorf("moving %s aside: %w; nothing was changed", s.Dir, err)
	}
	if err := os.Rename(s.Tmp, s.Dir); err != nil {
		if s.Aside != "" {
			if back := os.Rename(s.Aside, s.Dir); back != nil {
				return fmt.Errorf("%w (%w): the old folder is in %s and the new one in %s: opening %s again finishes the swap", err, errSwapUnfinished, s.Aside, s.Tmp, s.Dir)
			}
		}
		s.remove()
		return fmt.Errorf("%w; nothing was changed", err)
	}
	syncDir(filepath.Dir(s.Dir))
	return nil
}

// finish deletes the old contents unless they are kept, then drops the
// journal. When the deletion fails, the journal stays: opening the
// folder tries again.
func (s swapState) finish() error {
	if !s.KeepOld && s.Aside != "" {
		if err := os.RemoveAll(s.Aside); err != nil {
			return err
		}
	}
	s.remove()
	return nil
}

// recoverSwap finishes a swap of dir that was left unfinished (a crash,
// a power cut): the new folder, checked before the swap began, takes the
// folder's place and the old contents are deleted or kept as the swap
// said; a swap that had not begun is dropped and dir stays as it was.
func recoverSwap(dir string) error {
	b, err := os.ReadFile(swapPath(dir))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var s swapState
	parent := filepath.Dir(dir)
	if err := json.Unmarshal(b, &s); err != nil || s.Dir != dir || s.Tmp == "" || filepath.Dir(s.Tmp) != parent ||
		(s.Aside == "" && !s.KeepOld) || (s.Aside != "" && filepath.Dir(s.Aside) != parent) {
		return fmt.Errorf("the record of an interrupted swap of %s (encryption or restore), %s, cannot be used: look at the folders beside it (.%s.encrypting-… or .%s.restoring-…) and remove that file", dir, swapPath(dir), filepath.Base(dir), filepath.Base(dir))
	}
	exists := func(p string) bool { _, err := os.Lstat(p); return err == nil }
	switch {
	case !exists(dir) && exists(s.Tmp):
		if err := os.Rename(s.Tmp, dir); err != nil {
			return fmt.Errorf("finishing the interrupted swap of %s: %w", dir, err)
		}
	case !exists(dir) && s.Aside != "" && exists(s.Aside):
		if err := os.Rename(s.Aside, dir); err != nil {
			return fmt.Errorf("undoing the interrupted swap of %s: %w", dir, err)
		}
	}
	syncDir(parent)
	if exists(s.Tmp) { // the swap had not begun: dir is the original
		os.RemoveAll(s.Tmp)
	}
	if err := s.finish(); err != nil {
		return fmt.Errorf("the folder %s is in place, but its old contents %s could not be deleted (%v): delete them by hand", dir, s.Aside, err)
	}
	return nil
}
