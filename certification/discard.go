package certification

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
)

// DiscardChange journals that the actor threw away, on purpose, a change
// made offline that the body refused when it was proposed again
// (docs/sync.md, "The review list"): its command, its arguments and why
// the body refused it, so that no work leaves the body without a trace.
// It changes no record.
func (s *Service) DiscardChange(ctx context.Context, command string, args json.RawMessage, reason string) error {
	if strings.TrimSpace(command) == "" {
		return invalid("discarded change", "command", "name the command of the change discarded")
	}
	if len(args) > 0 && !json.Valid(args) {
		return invalid("discarded change", "args", "the change's arguments are not JSON")
	}
	return s.update(ctx, call("discard-change", command, args, reason), fmt.Sprintf("discard a change the body refused (%s): %s", command, reason), func(Tx) error { return nil })
}
