package backupfile

import (
	"errors"
	"fmt"
)

// ErrNotBackup is matched (errors.Is) when a file is not a CertDesk backup.
var ErrNotBackup = errors.New("not a CertDesk backup")

// ErrDamaged is matched (errors.Is) when a backup is truncated or
// damaged: its checksum, its structure or its counts do not match.
var ErrDamaged = errors.New("the backup is damaged")

// ErrUnsupported is matched (errors.Is) when a backup needs a newer
// CertDesk (a newer format or schema, an unknown encryption).
var ErrUnsupported = errors.New("the backup needs a newer CertDesk")

// Error is an error with a message for people that matches (errors.Is)
// the error value Kind.
type Error struct {
	Kind error
	Msg  string
}

func (e *Error) Error() string        { return e.Msg }
func (e *Error) Is(target error) bool { return target == e.Kind }

// Damaged is an error matching ErrDamaged that says what is wrong.
func Damaged(format string, args ...any) error {
	return &Error{ErrDamaged, "the backup is damaged: " + fmt.Sprintf(format, args...)}
}

// InFile puts the file name before an *Error's message, keeping
// errors.Is; other errors are returned as they are.
func InFile(path string, err error) error {
	var be *Error
	if errors.As(err, &be) {
		return &Error{be.Kind, path + ": " + be.Msg}
	}
	return err
}
