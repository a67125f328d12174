package main

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"certdesk/storage/bodylog"
	"certdesk/storage/office"
)

// The body's office (docs/sync.md): its TLS authority and enrolled desks
// (init, enrol) and the server keeping the journal stream (serve). No
// desk joins it with --office; office snapshot stores a desk's copy.

type officeCmd struct {
	Init     officeInitCmd     `cmd:"" help:"make an office's folder: its TLS certificate authority and server certificate"`
	Enrol    officeEnrolCmd    `cmd:"" help:"enrol a desk: write the credentials it connects to the office with"`
	Serve    officeServeCmd    `cmd:"" help:"run the body's office: an embedded NATS JetStream server keeping the body's journal on disk (docs/sync.md)"`
	Snapshot officeSnapshotCmd `cmd:"" help:"store this desk's copy of the body in the office, for new desks to start from"`
}

type officeInitCmd struct {
	Dir  string   `required:"" placeholder:"DIR" help:"the office's own folder (not a desk's data folder)"`
	Host []string `placeholder:"NAME" help:"a host name or address desks reach the office by, besides 127.0.0.1 and localhost (repeatable)"`
	From string   `placeholder:"FOLDER" help:"begin the body from this data folder, which worked alone: its copy is the body's first snapshot (FOLDER itself can then be the first desk)"`
}

func (c *officeInitCmd) Run(e *env) error {
	if c.From != "" {
		if _, err := os.Stat(c.From); err != nil {
			return inputf("--from %s: %v", c.From, err)
		}
	}
	if err := office.Init(c.Dir, c.Host...); err != nil {
		return inputf("%v", err)
	}
	var base bodylog.Base
	if c.From != "" {
		var err error
		if base, err = e.genesisFrom(c.Dir, c.From); err != nil {
			return err
		}
	}
	if e.json {
		return e.writeJSON(map[string]any{"dir": c.Dir, "ca": office.CAFile(c.Dir), "from": c.From, "base": map[string]any{"seq": base.Seq, "hash": base.Hash}})
	}
	e.printf("Office folder %s made. Desks trust it by %s; enrol each desk next (certctl office enrol).\n", c.Dir, office.CAFile(c.Dir))
	if c.From != "" {
		e.printf("The body begins from %s (journal entry %d, %s): the office stores its copy as the first snapshot when it first serves. %s can be the first desk; new desks start from the snapshot.\n", c.From, base.Seq, base.Hash, c.From)
	}
	return nil
}

type officeEnrolCmd struct {
	Dir  string `required:"" placeholder:"DIR" help:"the office's folder"`
	Name string `arg:"" help:"the desk's name (letters, digits, dot, dash, underscore)"`
	Out  string `required:"" placeholder:"FILE" help:"where to write the desk's credentials (refused if it exists); hand it to the desk privately"`
}

func (c *officeEnrolCmd) Run(e *env) error {
	if _, err := os.Stat(c.Out); err == nil {
		return inputf("%s exists: the credentials are written to a new file only", c.Out)
	}
	seed, err := office.Enrol(c.Dir, c.Name)
	if err != nil {
		return inputf("%v", err)
	}
	f, err := os.OpenFile(c.Out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = f.Write(seed)
	if err = errors.Join(err, f.Close()); err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(map[string]string{"desk": c.Name, "creds": c.Out, "ca": office.CAFile(c.Dir)})
	}
	e.printf("Desk %s enrolled: its credentials are in %s, the office's CA in %s. The office admits it from its next start.\n", c.Name, c.Out, office.CAFile(c.Dir))
	return nil
}

type officeServeCmd struct {
	Dir     string `required:"" placeholder:"DIR" help:"the office's own folder for the journal stream (not a desk's data folder)"`
	Host    string `placeholder:"ADDR" help:"the address to listen on (default 127.0.0.1; another only for an office made with office init)"`
	Port    int    `placeholder:"N" help:"the port (default: a free one, printed)"`
	KeyFile string `name:"key-file" placeholder:"FILE" help:"encrypt the journal and snapshots on disk with the key on FILE's first line (else $CERTDESK_OFFICE_KEY; the same key at every start)"`
}

// OfficeKeyEnv holds the key that encrypts the office's store (office
// serve --key-file).
const OfficeKeyEnv = "CERTDESK_OFFICE_KEY"

// officeKey is the office's encryption key: --key-file's first line,
// else $CERTDESK_OFFICE_KEY, else none.
func (c *officeServeCmd) officeKey() (string, error) {
	if c.KeyFile == "" {
		return os.Getenv(OfficeKeyEnv), nil
	}
	data, err := os.ReadFile(c.KeyFile)
	if err != nil {
		return "", inputf("--key-file: %v", err)
	}
	key, _, _ := strings.Cut(string(data), "\n")
	if key = strings.TrimSpace(key); len(key) < 16 {
		return "", inputf("--key-file %s: the key is %d characters; give at least 16 (a long random line)", c.KeyFile, len(key))
	}
	return key, nil
}

func (officeServeCmd) Help() string {
	return "Every entry is on disk before the office acknowledges it (JetStream's sync_interval: always). An office made with office init speaks TLS only and admits only its enrolled desks; one without listens on loopback only. It runs until Ctrl+C or SIGTERM; --json prints {\"url\", \"dir\"} once it takes connections."
}

func (c *officeServeCmd) Run(e *env) error {
	key, err := c.officeKey()
	if err != nil {
		return err
	}
	o, err := office.Start(office.Options{Dir: c.Dir, Host: c.Host, Port: c.Port, Key: key})
	if err != nil {
		return err
	}
	defer o.Close()
	if err := storeGenesis(e.ctx, c.Dir, o.URL()); err != nil {
		return fmt.Errorf("storing the body's first snapshot: %w", err)
	}
	if e.json {
		if err := e.writeJSON(map[string]string{"url": o.URL(), "dir": c.Dir}); err != nil {
			return err
		}
	} else {
		e.printf("The office serves the body's journal at %s (folder %s). Stop it with Ctrl+C.\n", o.URL(), c.Dir)
	}
	ctx, stop := signal.NotifyContext(e.ctx, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	return nil
}
