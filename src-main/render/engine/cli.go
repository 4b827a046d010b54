package main

// `berth template|lint|package|show`, run by bin/berth straight from the shell (no Node): helm's
// commands with helm's flags, parsed by cobra and pflag as helm parses them. Helm's own
// pkg/cmd is not imported: its init graph pulls in the whole Kubernetes client, which is most
// of helm's start-up time. Flags are declared as helm v4.1.4 declares them (cli_*.go), into
// the request structs the operations take, and run through the same dispatch as the sidecar.

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"
)

// errReported is returned when the command already printed its failure.
var errReported = errors.New("reported")

func runCLI(args []string, l limits) int {
	startMemoryWatchdog(l, func(msg string) {
		fmt.Fprintf(os.Stderr, "Error: Berth stopped Helm's engine: %s (a template that keeps growing?)\n", msg)
		exit(1)
	})
	// helm would run forever on a template that never ends; Berth gives up with a sentence.
	time.AfterFunc(l.Timeout, func() {
		fmt.Fprintf(os.Stderr, "Error: Berth stopped Helm's engine: it ran longer than %d seconds, the time limit (a template that never ends?). Set BERTH_ENGINE_TIMEOUT_S to allow more.\n", int(l.Timeout.Seconds()))
		exit(1)
	})
	root := &cobra.Command{
		Use:           "berth",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.CompletionOptions.DisableDefaultCmd = true
	addHelmGlobalFlags(root)
	// helm's global --namespace, for the commands that do not use it (template and lint declare their own)
	root.PersistentFlags().StringP("namespace", "n", "", "namespace scope for this request")
	root.AddCommand(newTemplateCmd(l), newLintCmd(l), newPackageCmd(l), newShowCmd(l), newLocateCmd(), newPostRendererCheckCmd())
	root.SetArgs(args)
	if err := root.Execute(); err != nil {
		if !errors.Is(err, errReported) {
			fmt.Fprintf(os.Stderr, "Error: %s\n", err)
		}
		return 1
	}
	return 0
}

// minimumNArgs is helm's require.MinimumNArgs, with "berth" for "helm".
func minimumNArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < n {
			return fmt.Errorf("%q requires at least %d argument%s\n\nUsage:  %s", cmd.CommandPath(), n, plural(n), cmd.UseLine())
		}
		return nil
	}
}

// exactArgs is helm's require.ExactArgs.
func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return fmt.Errorf("%q requires %d argument%s\n\nUsage:  %s", cmd.CommandPath(), n, plural(n), cmd.UseLine())
		}
		return nil
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// runOp runs one operation as the sidecar would and prints its output as helm does:
// warnings, then the output or "Error: …". With outputFirst (lint, package) the output
// comes before the error, as helm prints the lint report before failing.
func runOp(op string, req any, blob []byte, l limits, outputFirst bool) error {
	request, err := json.Marshal(req)
	if err != nil {
		return err
	}
	res, stdout := dispatch(op, request, blob, 0)
	if res.Stderr != "" {
		io.WriteString(os.Stderr, res.Stderr)
	}
	if res.Error != "" {
		if outputFirst {
			os.Stdout.Write(stdout)
		}
		return errors.New(res.Error)
	}
	os.Stdout.Write(stdout)
	return nil
}

func namespaceOr(ns string) string {
	if ns != "" {
		return ns
	}
	if env := os.Getenv("HELM_NAMESPACE"); env != "" {
		return env
	}
	return "default"
}
