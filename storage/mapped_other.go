//go:build !linux

package storage

func releaseMapped(string) bool { return false }
