package main

import (
	"encoding/json"
	"fmt"

	"certdesk/storage"
)

// outbox counts the desk's waiting changes and its review list.
func (e *env) outbox() (waiting, reviews int, err error) {
	list, err := e.desk.Reviews(e.ctx)
	return e.desk.Waiting(), len(list), err
}

// reportOffline is sync's answer while the office cannot be reached:
// the desk works on, its changes wait (exit 3: not in step).
func (e *env) reportOffline(head storage.ChainLink, waiting, reviews int) error {
	msg := fmt.Sprintf("offline — %s waiting: the office at %s cannot be reached; this desk works on its replica (head %d) and proposes them when it is back", plural(waiting, "change", "changes"), e.desk.Office(), head.Seq)
	if e.json {
		if err := e.writeJSON(map[string]any{"office": e.desk.Office(), "offline": true, "in_step": false, "waiting": waiting, "review": reviews,
			"head": map[string]any{"seq": head.Seq, "hash": head.Hash}}); err != nil {
			return err
		}
	}
	return &reportedError{code: exitInternal, msg: msg}
}

// reviewItem is a review list item as certctl sync --review shows it.
type reviewItem struct {
	N       uint64          `json:"n"`
	Command string          `json:"command"`
	Summary string          `json:"summary"`
	At      string          `json:"at"`
	Actor   string          `json:"actor"`
	Rule    string          `json:"rule,omitempty"`
	Reason  string          `json:"reason"`
	Args    json.RawMessage `json:"args"`
	Refused string          `json:"refused"`
}

// review works through the review list: --review, --redo, --done,
// --discard.
func (c syncCmd) review(e *env) error {
	switch {
	case c.Redo > 0:
		svc, err := e.service(true)
		if err != nil {
			return err
		}
		if _, err := e.desk.Redo(e.ctx, svc, c.Redo); err != nil {
			return err
		}
		return e.done(map[string]any{"redone": c.Redo}, "Change %d re-done: it is in the body's journal (or waits, offline).\n", c.Redo)
	case c.Discard > 0:
		svc, err := e.service(true)
		if err != nil {
			return err
		}
		if err := e.desk.Discard(e.ctx, svc, c.Discard); err != nil {
			return err
		}
		return e.done(map[string]any{"discarded": c.Discard}, "Change %d discarded; the body's journal records it.\n", c.Discard)
	case c.Done > 0:
		if err := e.desk.Done(e.ctx, c.Done); err != nil {
			return inputf("%v", err)
		}
		return e.done(map[string]any{"done": c.Done}, "Change %d taken off the review list.\n", c.Done)
	}
	list, err := e.desk.Reviews(e.ctx)
	if err != nil {
		return err
	}
	items := make([]reviewItem, 0, len(list))
	for _, r := range list {
		items = append(items, reviewItem{N: r.N, Command: r.Entry.Command, Summary: r.Entry.Summary, At: r.Entry.At.Format("2006-01-02 15:04"), Actor: r.Entry.Actor.Name,
			Rule: r.Rule, Reason: r.Reason, Args: r.Entry.Args, Refused: r.Refused.Format("2006-01-02 15:04")})
	}
	if e.json {
		return e.writeJSON(items)
	}
	if len(items) == 0 {
		e.printf("The review list is empty.\n")
	}
	for _, it := range items {
		e.printf("%d  %s  %s (%s, %s)\n   refused: %s\n   values: %s\n", it.N, it.At, it.Summary, it.Command, it.Actor, it.Reason, it.Args)
	}
	return nil
}

// done reports a review action: v as JSON, or the sentence.
func (e *env) done(v any, format string, args ...any) error {
	if e.json {
		return e.writeJSON(v)
	}
	e.printf(format, args...)
	return nil
}
