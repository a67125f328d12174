package storage

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestResolveDir(t *testing.T) {
	env := t.TempDir()
	flag := t.TempDir()

	t.Setenv(DataEnv, env)
	if got, err := ResolveDir(flag); err != nil || got != flag {
		t.Errorf("flag set: %q, %v; want %q", got, err, flag)
	}
	if got, err := ResolveDir(""); err != nil || got != env {
		t.Errorf("env set: %q, %v; want %q", got, err, env)
	}

	t.Setenv(DataEnv, "")
	def, err := DefaultDir()
	if err != nil {
		t.Fatal(err)
	}
	if got, err := ResolveDir(""); err != nil || got != def {
		t.Errorf("neither set: %q, %v; want %q", got, err, def)
	}

	// A relative flag becomes absolute, so messages name the real folder.
	wd, _ := os.Getwd()
	if got, err := ResolveDir("data"); err != nil || got != filepath.Join(wd, "data") {
		t.Errorf("relative flag: %q, %v", got, err)
	}
}

func TestDefaultDirLinux(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("Linux layout")
	}
	home := t.TempDir()
	t.Setenv("HOME", home)

	t.Setenv("XDG_DATA_HOME", "/xdg/data")
	if got, _ := DefaultDir(); got != "/xdg/data/certdesk" {
		t.Errorf("with XDG_DATA_HOME: %q", got)
	}
	for _, xdg := range []string{"", "relative/path"} {
		t.Setenv("XDG_DATA_HOME", xdg)
		if got, _ := DefaultDir(); got != filepath.Join(home, ".local", "share", "certdesk") {
			t.Errorf("XDG_DATA_HOME=%q: %q", xdg, got)
		}
	}
}
