package main

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/alecthomas/kong"

	"certdesk/certification"
)

// parse reads args into c and returns the verb to run; nil after help.
func (e *env) parse(c *commandLine, args []string) (v verb, err error) {
	if err := checkUTF8(args); err != nil {
		return nil, err
	}
	p, err := e.newParser(c)
	if err != nil {
		return nil, err
	}
	root := p.Model.Node
	args = normalize(root, args)
	n, done, err := e.route(root, args)
	if done || err != nil {
		return nil, err
	}
	if args, err = spellFlags(root, n, args); err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(exited); !ok {
				panic(r)
			}
			v, err = nil, nil // help was shown
		}
	}()
	kc, err := p.Parse(args)
	if err != nil {
		e.json = e.json || jsonAsked(args)
		return nil, usageError(err)
	}
	node := kc.Selected()
	v, ok := node.Target.Addr().Interface().(verb)
	if !ok {
		return nil, inputf("certctl %s needs a command (see 'certctl help %s')", verbPath(node), verbPath(node))
	}
	g := c.Globals
	e.data, e.as, e.json, e.keyFile, e.deskFlag = g.Data, g.As, g.JSON, g.KeyPassphraseFile, g.Desk
	e.office = officeFlags{url: cmp.Or(g.Office, os.Getenv(OfficeEnv)), creds: cmp.Or(g.Creds, os.Getenv(CredsEnv)), ca: cmp.Or(g.OfficeCA, os.Getenv(OfficeCAEnv))}
	if !g.Today.IsZero() {
		e.clock = certification.FixedClock(g.Today.Time().Add(12 * time.Hour))
	}
	return v, nil
}

// normalize splits a verb given as one word ("person add") and spells
// -help as --help.
func normalize(root *kong.Node, args []string) []string {
	var out []string
	first := true
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-help":
			a = "--help"
		case a == "--":
			return append(out, args[i:]...)
		case first && takesValue(a) && i+1 < len(args):
			out = append(out, a)
			i++
			a = args[i]
		case first && !strings.HasPrefix(a, "-"):
			first = false
			if strings.Contains(a, " ") && findVerb(root, strings.Fields(a)) != nil {
				out = append(out, strings.Fields(a)...)
				continue
			}
		}
		out = append(out, a)
	}
	return out
}

// takesValue says whether a is a global flag followed by its value.
func takesValue(a string) bool {
	if !strings.HasPrefix(a, "-") {
		return false
	}
	switch strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-") {
	case "data", "as", "today", "key-passphrase-file", "office", "creds", "office-ca", "desk":
		return true
	}
	return false
}

// route handles what comes before kong: help, no command, an unknown
// command or a group without its command. done means nothing is left to do.
func (e *env) route(root *kong.Node, args []string) (n *kong.Node, done bool, err error) {
	var words []string
	n = root
	for i := 0; i < len(args) && n != nil; i++ {
		a := args[i]
		if a == "--" {
			break
		}
		if takesValue(a) {
			if i+1 == len(args) {
				return nil, true, inputf("--%s needs a value", strings.TrimLeft(a, "-"))
			}
			i++
			continue
		}
		if strings.HasPrefix(a, "-") {
			if isGlobal(a) {
				continue
			}
			break
		}
		words = append(words, a)
		if words[0] == "help" {
			continue
		}
		if n = childNamed(n, a); n == nil || len(n.Children) == 0 || n.DefaultCmd != nil {
			break
		}
	}
	switch {
	case len(words) > 0 && words[0] == "help":
		v := findVerb(root, words[1:])
		if v == nil {
			return nil, true, inputf("no help for %q: see 'certctl help'", strings.Join(words[1:], " "))
		}
		return nil, true, e.helpFor(v, root)
	case len(words) == 0 && hasHelp(args):
		return nil, true, e.helpFor(nil, root)
	case len(words) == 0:
		e.overview(e.stderr, root)
		return nil, true, inputf("no command given")
	}
	n = root
	for _, w := range words {
		child := childNamed(n, w)
		switch {
		case child == nil && n == root:
			return nil, true, inputf("unknown command %q: see 'certctl help'", w)
		case child == nil && n.DefaultCmd != nil:
			return n.DefaultCmd, false, nil
		case child == nil:
			return nil, true, inputf("certctl %s has no command %q: use one of %s", verbPath(n), w, strings.Join(childNames(n), ", "))
		}
		n = child
	}
	if len(n.Children) > 0 && n.DefaultCmd == nil {
		if hasHelp(args) {
			return nil, true, e.helpFor(n, root)
		}
		return nil, true, inputf("certctl %s needs a command: %s (see 'certctl help %s')", verbPath(n), strings.Join(childNames(n), ", "), verbPath(n))
	}
	if n.DefaultCmd != nil {
		n = n.DefaultCmd
	}
	return n, false, nil
}

// spellFlags checks that every flag of verb n (and every global flag)
// that takes a value has one, and spells a flag written with one dash
// (-out, as Go's flag package allows) with two.
func spellFlags(root, n *kong.Node, args []string) ([]string, error) {
	valued := map[string]bool{}
	for _, fs := range [][]*kong.Flag{root.Flags, n.Flags} {
		for _, f := range fs {
			for _, name := range append([]string{f.Name}, f.Aliases...) {
				valued[name] = !f.IsBool()
			}
		}
	}
	out := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return append(out, args[i:]...), nil
		}
		if len(a) > 2 && a[0] == '-' && a[1] != '-' && isLetter(a[1]) {
			if name, _, _ := strings.Cut(a[1:], "="); name != "h" {
				a = "-" + a
			}
		}
		out = append(out, a)
		name, _, hasValue := strings.Cut(strings.TrimPrefix(a, "--"), "=")
		if !strings.HasPrefix(a, "--") || hasValue || !valued[name] {
			continue
		}
		if i+1 == len(args) {
			if slices.ContainsFunc(root.Flags, func(f *kong.Flag) bool { return f.Name == name }) {
				return nil, inputf("--%s needs a value", name)
			}
			return nil, inputf("%s: flag needs an argument: -%s (see 'certctl help %s')", verbPath(n), name, verbPath(n))
		}
		i++
		out = append(out, args[i])
	}
	return out, nil
}

func isLetter(b byte) bool { return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' }

// isGlobal says whether a is a global flag that carries its value in it.
func isGlobal(a string) bool {
	name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
	switch name {
	case "json":
		return true
	case "data", "as", "today", "key-passphrase-file":
		return strings.Contains(a, "=")
	}
	return false
}

func isHelp(s string) bool { return s == "-h" || s == "--help" || s == "-help" }

func hasHelp(args []string) bool {
	for _, a := range args {
		if isHelp(a) {
			return true
		}
	}
	return false
}

func jsonAsked(args []string) bool {
	for _, a := range args {
		if a == "--json" || a == "-json" || a == "--json=true" {
			return true
		}
	}
	return false
}

// usageError turns kong's parse errors into certctl's usage errors (exit 2).
func usageError(err error) error {
	var pe *kong.ParseError
	var node *kong.Node
	if errors.As(err, &pe) && pe.Context != nil {
		node = pe.Context.Selected()
		for node != nil && node.Type != kong.CommandNode {
			node = node.Parent
		}
	}
	msg := err.Error()
	name := ""
	if node != nil {
		name = verbPath(node)
	}
	see := fmt.Sprintf(" (see 'certctl help %s')", name)
	switch {
	case strings.HasPrefix(msg, "unknown flag "):
		flag := strings.Fields(strings.TrimPrefix(msg, "unknown flag "))[0]
		return inputf("%s: flag provided but not defined: -%s%s", name, strings.TrimLeft(flag, "-"), see)
	case strings.HasPrefix(msg, "missing flags: "):
		var names []string
		for _, f := range strings.Split(strings.TrimPrefix(msg, "missing flags: "), ", ") {
			f, _, _ = strings.Cut(f, "=")
			names = append(names, f)
		}
		list := strings.Join(names, ", ")
		if len(names) > 1 {
			list = strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
			return inputf("%s are required%s", list, see)
		}
		return inputf("%s is required%s", list, see)
	case strings.HasPrefix(msg, "expected \"<"), strings.HasPrefix(msg, "unexpected argument"):
		if node != nil {
			return inputf("usage: certctl %s%s", synopsis(node), see)
		}
	case strings.HasPrefix(msg, "--"):
		if _, rest, ok := strings.Cut(msg, ": invalid value "); ok {
			return inputf("%s: invalid value %s%s", name, rest, see)
		}
	case strings.HasPrefix(msg, "<"):
		// A positional argument: "<audit>: …" reads "audit: …".
		if arg, rest, ok := strings.Cut(msg[1:], ">: "); ok {
			return inputf("%s: %s", arg, rest)
		}
	}
	return inputf("%s", msg)
}

// checkUTF8 refuses an argument that is not UTF-8 text, naming its flag:
// kong would read such bytes as U+FFFD and the store keep that instead of
// what was given.
func checkUTF8(args []string) error {
	for i, a := range args {
		if utf8.ValidString(a) {
			continue
		}
		what, value := fmt.Sprintf("argument %d", i+1), a
		switch {
		case strings.HasPrefix(a, "-"):
			if name, v, ok := strings.Cut(a, "="); ok && utf8.ValidString(name) {
				what, value = name, v
			}
		case i > 0 && strings.HasPrefix(args[i-1], "-") && !strings.Contains(args[i-1], "="):
			what = args[i-1]
		}
		return inputf("%s: %q holds bytes that are not UTF-8 text: give it as UTF-8 (check the encoding of the terminal or script)", what, value)
	}
	return nil
}
