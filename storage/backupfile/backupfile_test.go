package backupfile

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"testing"
)

// write is a whole backup file of entries n, sealed under master when
// it is set.
func write(t *testing.T, n int, master []byte) ([]byte, Info) {
	t.Helper()
	var payload bytes.Buffer
	pw, err := NewPayloadWriter(&payload, master)
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		if err := pw.Put(fmt.Appendf(nil, "k%06d", i), bytes.Repeat([]byte{byte(i)}, i%300)); err != nil {
			t.Fatal(err)
		}
	}
	info := Info{Format: Format, Product: "CertDesk", Compression: "zstd", Encryption: pw.Encryption(), Keys: n}
	if err := pw.Close(&info); err != nil {
		t.Fatal(err)
	}
	var file bytes.Buffer
	if err := WriteHeader(&file, info); err != nil {
		t.Fatal(err)
	}
	file.Write(payload.Bytes())
	return file.Bytes(), info
}

// read reads a backup file whole and returns its entry count.
func read(b []byte, master []byte) (int, error) {
	br := bufio.NewReader(bytes.NewReader(b))
	info, err := ReadHeader(br, 0)
	if err != nil {
		return 0, err
	}
	pr, err := NewPayloadReader(br, info, master)
	if err != nil {
		return 0, err
	}
	defer pr.Close()
	n := 0
	for {
		_, _, err := pr.Next()
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		n++
	}
}

func TestPayloadRoundTrip(t *testing.T) {
	master := bytes.Repeat([]byte{7}, 32)
	for _, c := range []struct {
		name    string
		entries int
		master  []byte
	}{
		{"empty, plain", 0, nil},
		{"plain", 5000, nil},
		{"empty, sealed", 0, master},
		{"sealed, several chunks", 5000, master},
	} {
		t.Run(c.name, func(t *testing.T) {
			b, info := write(t, c.entries, c.master)
			if info.Encrypted() != (c.master != nil) {
				t.Errorf("encrypted %v, method %q", info.Encrypted(), info.Encryption.Method)
			}
			n, err := read(b, c.master)
			if err != nil || n != c.entries {
				t.Errorf("read %d entries, want %d: %v", n, c.entries, err)
			}
			if err := CheckChecksum(bufio.NewReader(bytes.NewReader(b[len(b)-int(info.PayloadBytes):])), info); err != nil {
				t.Errorf("checksum: %v", err)
			}
		})
	}
}

func TestDamageIsFound(t *testing.T) {
	master := bytes.Repeat([]byte{7}, 32)
	for _, sealed := range [][]byte{nil, master} {
		good, info := write(t, 3000, sealed)
		flip := bytes.Clone(good)
		flip[len(flip)-int(info.PayloadBytes)/2] ^= 1
		for name, c := range map[string]struct {
			file []byte
			want error
		}{
			"empty":               {nil, ErrNotBackup},
			"foreign":             {[]byte("PK\x03\x04 a zip file, not a backup"), ErrNotBackup},
			"cut in the header":   {good[:len(Magic)+10], ErrDamaged},
			"cut in the payload":  {good[:len(good)-10], ErrDamaged},
			"a bit flipped":       {flip, ErrDamaged},
			"bytes after its end": {append(bytes.Clone(good), 0), ErrDamaged},
		} {
			if _, err := read(c.file, sealed); !errors.Is(err, c.want) {
				t.Errorf("sealed %v, %s: got %v, want %v", sealed != nil, name, err, c.want)
			}
		}
	}
}

func TestReadHeaderRefusesNewer(t *testing.T) {
	b, _ := write(t, 1, nil)
	for name, c := range map[string]struct {
		edit      func(*Info)
		maxSchema uint32
	}{
		"a newer format":      {func(i *Info) { i.Format = Format + 1 }, 0},
		"a newer schema":      {func(i *Info) { i.Schema = 3 }, 2},
		"an unknown cipher":   {func(i *Info) { i.Encryption.Method = "rot13" }, 0},
		"another compression": {func(i *Info) { i.Compression = "lz4" }, 0},
	} {
		info, err := ReadHeader(bytes.NewReader(b), 0)
		if err != nil {
			t.Fatal(err)
		}
		c.edit(&info)
		var file bytes.Buffer
		WriteHeader(&file, info)
		if _, err := ReadHeader(&file, c.maxSchema); !errors.Is(err, ErrUnsupported) {
			t.Errorf("%s: got %v", name, err)
		}
	}
}
