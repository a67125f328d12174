// Package office runs the body's office: an embedded NATS server with
// JetStream on disk, which serves the body's journal stream to every desk
// (docs/sync.md). It is the only package that imports nats-server; desks
// talk to any NATS JetStream deployment through storage/bodylog, so a
// body may run its office here (certctl) or on its own NATS servers.
//
// This is the first piece of the shared body (issue "one body, many
// desks"): the server, durable on every append, with TLS and enrolled
// desks once initialised (tls.go, desks.go). Snapshots and the command
// apply loop come next.
package office

import (
	"errors"
	"fmt"
	"net"
	"path/filepath"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// Options say where the office keeps its stream and where it listens.
type Options struct {
	// Dir holds the JetStream store (created if missing).
	Dir string
	// Host is the address to listen on; only a loopback address is
	// accepted until the office speaks TLS with enrolled desks.
	Host string
	// Port is the port; 0 or -1 picks a free one.
	Port int
	// Key, if not empty, encrypts the journal stream and the snapshots
	// on disk (JetStream's encryption at rest, ChaCha20-Poly1305): the
	// office's folder then holds no record in the clear. The same key is
	// needed at every start; without it the stream cannot be read.
	Key string
}

// MaxEntry is the largest journal entry the office takes, in bytes:
// about 24 MB of evidence content in one command.
const MaxEntry = 32 << 20

// Office is a running office server.
type Office struct {
	ns *server.Server
}

// ErrNotLoopback refuses a listening address other than loopback for an
// office that was not initialised (Init): without TLS and enrolled desks
// it must not be reachable from another machine.
var ErrNotLoopback = errors.New("an office without TLS listens on loopback only (127.0.0.1 or ::1): run office init and enrol its desks to serve other machines")

// Start starts an office and waits until it takes connections. Every
// acknowledged append is on disk (JetStream's sync_interval: always):
// by default JetStream fsyncs every two minutes and a power cut would lose
// entries the desks were told were stored.
func Start(o Options) (*Office, error) {
	if o.Dir == "" {
		return nil, errors.New("office: no folder for the stream: give the office a folder of its own")
	}
	tlsConf, err := serverTLS(o.Dir)
	if err != nil {
		return nil, err
	}
	host := o.Host
	if host == "" {
		host = "127.0.0.1"
	}
	if ip := net.ParseIP(host); tlsConf == nil && (ip == nil || !ip.IsLoopback()) {
		return nil, fmt.Errorf("office address %q: %w", host, ErrNotLoopback)
	}
	port := o.Port
	if port <= 0 {
		port = server.RANDOM_PORT
	}
	opts := &server.Options{
		ServerName: "certdesk-office",
		Host:       host,
		Port:       port,
		JetStream:  true,
		StoreDir:   filepath.Join(o.Dir, "jetstream"),
		SyncAlways: true,
		NoSigs:     true,
		NoLog:      true,
		// An entry carries the content of the evidence it attaches
		// (base64 in JSON): room for the policy's largest file.
		MaxPayload: MaxEntry,
	}
	if o.Key != "" {
		opts.JetStreamKey, opts.JetStreamCipher = o.Key, server.ChaCha
	}
	// An initialised office (Init) speaks TLS only and admits only the
	// desks it enrolled (Enrol), each proving its NKey.
	if tlsConf != nil {
		if opts.Nkeys, err = enrolled(o.Dir); err != nil {
			return nil, err
		}
		if len(opts.Nkeys) == 0 {
			return nil, errors.New("office: no desk is enrolled, so no desk could connect: run office enrol for each desk first")
		}
		opts.TLS, opts.TLSConfig, opts.TLSTimeout = true, tlsConf, 5
	}
	ns, err := server.NewServer(opts)
	if err != nil {
		return nil, fmt.Errorf("office: %w", err)
	}
	go ns.Start()
	if !ns.ReadyForConnections(10 * time.Second) {
		ns.Shutdown()
		return nil, errors.New("office: the server did not take connections within 10 s")
	}
	return &Office{ns: ns}, nil
}

// URL is the address desks connect to (nats://host:port).
func (o *Office) URL() string { return o.ns.ClientURL() }

// Close stops the office and waits until its store is closed.
func (o *Office) Close() {
	o.ns.Shutdown()
	o.ns.WaitForShutdown()
}
