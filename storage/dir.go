package storage

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// DataEnv names the environment variable that overrides the data folder.
const DataEnv = "CERTDESK_DATA"

// ResolveDir returns the data folder: flagValue if it is not empty, else
// $CERTDESK_DATA if set, else DefaultDir. GUI and CLI both get the folder
// from here. The result is an absolute path.
func ResolveDir(flagValue string) (string, error) {
	dir := flagValue
	if dir == "" {
		dir = os.Getenv(DataEnv)
	}
	if dir == "" {
		return DefaultDir()
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("data folder %s: %w", dir, err)
	}
	return abs, nil
}

// DefaultDir returns the platform's place for the user's application
// data plus CertDesk's folder:
//
//	Linux and other Unix  $XDG_DATA_HOME/certdesk, else ~/.local/share/certdesk
//	macOS                 ~/Library/Application Support/CertDesk
//	Windows               %LOCALAPPDATA%\CertDesk
func DefaultDir() (string, error) {
	switch runtime.GOOS {
	case "windows":
		if d := os.Getenv("LOCALAPPDATA"); d != "" {
			return filepath.Join(d, "CertDesk"), nil
		}
		return "", errors.New("cannot find the CertDesk data folder: %LOCALAPPDATA% is not set; set " + DataEnv + " to a folder")
	case "darwin":
		home, err := home()
		if err != nil {
			return "", err
		}
		return filepath.Join(home, "Library", "Application Support", "CertDesk"), nil
	default:
		// The XDG spec says to ignore a relative $XDG_DATA_HOME.
		if d := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(d) {
			return filepath.Join(d, "certdesk"), nil
		}
		home, err := home()
		if err != nil {
			return "", err
		}
		return filepath.Join(home, ".local", "share", "certdesk"), nil
	}
}

func home() (string, error) {
	h, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("cannot find the CertDesk data folder (%v); set %s to a folder", err, DataEnv)
	}
	return h, nil
}
