// Command berth-cluster runs a small, real Kubernetes control plane for Berth's tests and for
// people trying Berth: embedded etcd, kube-apiserver, kube-controller-manager, kube-scheduler and
// kwok-simulated nodes, all from one binary.
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: berth-cluster up --dir DIR | kube-apiserver|kube-controller-manager|kube-scheduler|kwok [flags]")
		os.Exit(2)
	}
	component := os.Args[1]
	// The component's own name as argv[0]: Kubernetes derives field-manager and user-agent
	// names from it.
	os.Args = append([]string{component}, os.Args[2:]...)
	switch component {
	case "up":
		os.Exit(runUp())
	case "kube-apiserver":
		os.Exit(runAPIServer())
	case "kube-controller-manager":
		os.Exit(runControllerManager())
	case "kube-scheduler":
		os.Exit(runScheduler())
	case "kwok":
		os.Exit(runKwok())
	default:
		fmt.Fprintf(os.Stderr, "unknown component %q\n", component)
		os.Exit(2)
	}
}
