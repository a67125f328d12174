package main

import (
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/alecthomas/kong"
)

// The help is drawn from the kong model of commandLine: each verb's struct
// names its flags, their help and placeholders, and its longer text
// (a Help method).

// verbPath is a verb's name as typed, e.g. "audit plan". The hidden
// default command of a group ("backup" writing a backup) is the group.
func verbPath(n *kong.Node) string {
	if n == nil {
		return ""
	}
	if n.Parent != nil && n.Parent.DefaultCmd == n {
		return verbPath(n.Parent)
	}
	return n.Path()
}

func childNamed(n *kong.Node, name string) *kong.Node {
	for _, c := range n.Children {
		if c.Name == name && c.Type == kong.CommandNode {
			return c
		}
	}
	return nil
}

func childNames(n *kong.Node) []string {
	var out []string
	for _, c := range n.Children {
		if !c.Hidden {
			out = append(out, c.Name)
		}
	}
	return out
}

// findVerb finds the command named by words; nil if there is none.
func findVerb(root *kong.Node, words []string) *kong.Node {
	n := root
	for _, w := range words {
		if n = childNamed(n, w); n == nil {
			return nil
		}
	}
	return n
}

// verbs lists every verb in the order of commandLine: the node that runs it.
func verbs(root *kong.Node) []*kong.Node {
	var out []*kong.Node
	for _, c := range root.Children {
		switch {
		case c.DefaultCmd != nil:
			out = append(out, c.DefaultCmd)
			for _, s := range c.Children {
				if s != c.DefaultCmd {
					out = append(out, verbs(&kong.Node{Children: []*kong.Node{s}})...)
				}
			}
		case len(c.Children) > 0:
			out = append(out, verbs(c)...)
		default:
			out = append(out, c)
		}
	}
	return out
}

// placeholder is how a flag's or argument's value is written in help.
func placeholder(v *kong.Value) string {
	if v.Flag != nil && v.Flag.PlaceHolder != "" {
		return v.Flag.PlaceHolder
	}
	if v.Tag != nil && v.Tag.PlaceHolder != "" {
		return v.Tag.PlaceHolder
	}
	t := v.Target.Type()
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case v.Flag == nil:
		return strings.ToUpper(v.Name)
	case t == dateType:
		return "DATE"
	case t == idType:
		return "ID"
	case t.Kind() == reflect.Bool:
		return ""
	case t.Kind() == reflect.Int, t.Kind() == reflect.Int64, t.Kind() == reflect.Uint64, t.Kind() == reflect.Float64:
		return "N"
	}
	return "TEXT"
}

// repeatable says whether a flag or argument may be given several times.
func repeatable(v *kong.Value) bool {
	return v.Target.Kind() == reflect.Slice
}

// flagUsage is "--name VALUE" with "…" when repeatable.
func flagUsage(f *kong.Flag) string {
	s := "--" + f.Name
	if ph := placeholder(f.Value); ph != "" {
		s += " " + ph
	}
	if repeatable(f.Value) {
		s += "…"
	}
	return s
}

// synopsis is the verb's usage line after "certctl".
func synopsis(n *kong.Node) string {
	parts := []string{verbPath(n)}
	for _, p := range n.Positional {
		s := placeholder(p)
		if repeatable(p) {
			s += "…"
		}
		if !p.Required {
			s = "[" + s + "]"
		}
		parts = append(parts, s)
	}
	for _, required := range []bool{true, false} {
		for _, f := range visibleFlags(n) {
			if f.Required == required {
				s := flagUsage(f)
				if !required {
					s = "[" + s + "]"
				}
				parts = append(parts, s)
			}
		}
	}
	return strings.Join(parts, " ")
}

func visibleFlags(n *kong.Node) []*kong.Flag {
	var out []*kong.Flag
	for _, f := range n.Flags {
		if !f.Hidden && f.Name != "help" {
			out = append(out, f)
		}
	}
	return out
}

// helpFor prints the help of a verb or group; nil or the root prints the overview.
func (e *env) helpFor(n, root *kong.Node) error {
	w := e.stdout
	switch {
	case n == nil || n == root:
		e.overview(w, root)
	case n.DefaultCmd != nil:
		e.verbHelp(w, n.DefaultCmd)
		for _, c := range n.Children {
			if c != n.DefaultCmd {
				fmt.Fprintf(w, "\nalso: certctl %s\n      %s\n", synopsis(c), c.Help)
			}
		}
	case len(n.Children) > 0:
		fmt.Fprintf(w, "certctl %s commands:\n", n.Path())
		for _, v := range verbs(n) {
			fmt.Fprintf(w, "  certctl %s\n      %s\n", synopsis(v), v.Help)
		}
	default:
		e.verbHelp(w, n)
	}
	return nil
}

func (e *env) verbHelp(w io.Writer, n *kong.Node) {
	fmt.Fprintf(w, "usage: certctl %s\n", synopsis(n))
	text := n.Detail
	if text == "" {
		text = n.Help
	}
	fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(text))
	if flags := visibleFlags(n); len(flags) > 0 {
		fmt.Fprintln(w, "\nflags:")
		for _, f := range flags {
			help := f.Help
			if f.HasDefault && f.Default != "" {
				help += fmt.Sprintf(" (default %s)", f.Default)
			}
			fmt.Fprintf(w, "  %s\n        %s\n", flagUsage(f), help)
		}
	}
	fmt.Fprintln(w, "\nglobal flags (before or after the verb): --data DIR, --as PERSON, --key-passphrase-file FILE, --json, --today DATE")
}

func (e *env) overview(w io.Writer, root *kong.Node) {
	fmt.Fprint(w, `certctl runs CertDesk's commands on a data folder.

usage: certctl [global flags] COMMAND [flags and arguments]

global flags (before or after the command):
`)
	for _, f := range visibleFlags(root) {
		fmt.Fprintf(w, "  %-14s  %s\n", flagUsage(f), wrap(f.Help, 80, strings.Repeat(" ", 18)))
	}
	fmt.Fprint(w, `
An encrypted data folder (see encrypt) opens with the passphrase in
$CERTDESK_PASSPHRASE; without it certctl asks in a terminal.

commands:
`)
	// A group of document kinds inside export (export xlsx) is one line:
	// its kinds are listed by 'certctl help GROUP'. Other verbs, those of
	// a group inside a group (person interest add) too, have a line each.
	type line struct{ name, help string }
	var lines []line
	for _, v := range verbs(root) {
		if g := v.Parent; g != root && g.Parent != root && g.DefaultCmd == nil && g.Parent.Name == "export" {
			name := g.Path() + " KIND"
			if len(lines) == 0 || lines[len(lines)-1].name != name {
				lines = append(lines, line{name, g.Help + ": " + strings.Join(childNames(g), ", ")})
			}
			continue
		}
		lines = append(lines, line{verbPath(v), v.Help})
	}
	width := 0
	for _, l := range lines {
		width = max(width, len(l.name))
	}
	for _, l := range lines {
		fmt.Fprintf(w, "  %-*s  %s\n", width, l.name, wrap(l.help, 120-width, strings.Repeat(" ", width+4)))
	}
	fmt.Fprint(w, `
'certctl help COMMAND' or 'certctl COMMAND -h' explains one command.
exit codes: 0 done, 1 refused by a rule, 2 usage or input error, 3 failure (disk, data, bug)
`)
}

// wrap breaks text into lines of at most width characters, the later
// ones starting with indent.
func wrap(text string, width int, indent string) string {
	var b strings.Builder
	n := 0
	for i, word := range strings.Fields(text) {
		if i > 0 && n+1+len([]rune(word)) > width {
			b.WriteString("\n" + indent)
			n = 0
		} else if i > 0 {
			b.WriteByte(' ')
			n++
		}
		b.WriteString(word)
		n += len([]rune(word))
	}
	return b.String()
}
