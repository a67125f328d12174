package office

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"
)

// The office's TLS: a certificate authority of its own, made once by
// Init, and a server certificate it signs. Desks trust the office by the
// CA's certificate (CAFile), which travels with their credentials.

// Files in the office's folder.
const (
	tlsDir        = "tls"
	caCertFile    = "ca.pem"
	caKeyFile     = "ca-key.pem"
	serverCert    = "server.pem"
	serverKeyFile = "server-key.pem"
)

// CAFile is the path of the office's CA certificate in its folder dir.
func CAFile(dir string) string { return filepath.Join(dir, tlsDir, caCertFile) }

// Init makes an office's folder: a CA and a server certificate for the
// given host names and addresses (127.0.0.1 and localhost always). It
// refuses a folder that already has them: a new CA would lock every
// enrolled desk out.
func Init(dir string, hosts ...string) error {
	d := filepath.Join(dir, tlsDir)
	if _, err := os.Stat(filepath.Join(d, caCertFile)); err == nil {
		return fmt.Errorf("office: %s already holds an office's CA: keep it (desks trust it), or choose a new folder", dir)
	}
	if err := os.MkdirAll(d, 0o700); err != nil {
		return err
	}
	now := time.Now()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	ca := &x509.Certificate{
		SerialNumber:          serial(),
		Subject:               pkix.Name{CommonName: "CertDesk office CA", Organization: []string{"CertDesk"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(10, 0, 0),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, ca, ca, &caKey.PublicKey, caKey)
	if err != nil {
		return err
	}
	caCert, err := x509.ParseCertificate(caDER)
	if err != nil {
		return err
	}
	srvKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	srv := &x509.Certificate{
		SerialNumber: serial(),
		Subject:      pkix.Name{CommonName: "CertDesk office", Organization: []string{"CertDesk"}},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.AddDate(2, 0, 0),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames:     []string{"localhost"},
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1"), net.ParseIP("::1")},
	}
	for _, h := range hosts {
		if ip := net.ParseIP(h); ip != nil {
			srv.IPAddresses = append(srv.IPAddresses, ip)
		} else if h != "" {
			srv.DNSNames = append(srv.DNSNames, h)
		}
	}
	srvDER, err := x509.CreateCertificate(rand.Reader, srv, caCert, &srvKey.PublicKey, caKey)
	if err != nil {
		return err
	}
	for _, f := range []struct {
		name, kind string
		der        []byte
		key        *ecdsa.PrivateKey
	}{{caCertFile, "CERTIFICATE", caDER, nil}, {serverCert, "CERTIFICATE", srvDER, nil}, {caKeyFile, "", nil, caKey}, {serverKeyFile, "", nil, srvKey}} {
		der, kind := f.der, f.kind
		if f.key != nil {
			if der, err = x509.MarshalECPrivateKey(f.key); err != nil {
				return err
			}
			kind = "EC PRIVATE KEY"
		}
		if err := os.WriteFile(filepath.Join(d, f.name), pem.EncodeToMemory(&pem.Block{Type: kind, Bytes: der}), 0o600); err != nil {
			return err
		}
	}
	return nil
}

func serial() *big.Int {
	n, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 120))
	return n
}

// serverTLS is the TLS configuration of an initialised office; nil (and
// no error) when the folder was never initialised.
func serverTLS(dir string) (*tls.Config, error) {
	d := filepath.Join(dir, tlsDir)
	cert, err := tls.LoadX509KeyPair(filepath.Join(d, serverCert), filepath.Join(d, serverKeyFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("office: the server certificate in %s: %w", d, err)
	}
	return &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}, nil
}
