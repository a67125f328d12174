//go:build !linux

package storage

func residentTables(string) residentPages { return nil }

func releaseMapped(string, residentPages) bool { return false }
