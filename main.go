// Command certdesk is CertDesk's desktop application.
//
// Build it with -tags migrated_fynedo (see the Makefile): a plain go build
// does not read FyneApp.toml, whose [Migrations] fyneDo = true that tag
// stands for.
package main

import (
	"flag"
	"fmt"
	"os"

	"certdesk/app"
	"certdesk/storage"
)

func main() {
	data := flag.String("data", "", "data folder (default: CertDesk's folder in your user data directory)")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "Usage: certdesk [--data DIR]\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}

	dir, err := storage.ResolveDir(*data)
	if err != nil {
		fmt.Fprintln(os.Stderr, "certdesk:", err)
		os.Exit(1)
	}
	if err := app.Run(dir); err != nil {
		fmt.Fprintln(os.Stderr, "certdesk:", err)
		os.Exit(1)
	}
}
