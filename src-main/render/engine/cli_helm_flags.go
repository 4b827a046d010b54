package main

// helm's flags around the engine commands that are not about rendering itself: helm's global
// flags (pkg/cli/environment.go AddFlags), the install flags `helm template` accepts and ignores
// client-side (pkg/cmd/install.go addInstallFlags), the release name flags, and package signing
// (pkg/action/package.go Clearsign). A flag that changes nothing in Berth is accepted and said so
// on stderr, never refused as unknown.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"text/template"
	"time"

	"github.com/Masterminds/sprig/v3"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"helm.sh/helm/v4/pkg/chart/v2/loader"
	"helm.sh/helm/v4/pkg/provenance"
	"sigs.k8s.io/yaml"
)

// Global flags Berth's engine commands take without acting on them, and why.
var globalNoOps = map[string]string{
	"kube-context":                  "whose chart commands never talk to a cluster",
	"kubeconfig":                    "whose chart commands never talk to a cluster",
	"kube-token":                    "whose chart commands never talk to a cluster",
	"kube-as-user":                  "whose chart commands never talk to a cluster",
	"kube-as-group":                 "whose chart commands never talk to a cluster",
	"kube-apiserver":                "whose chart commands never talk to a cluster",
	"kube-ca-file":                  "whose chart commands never talk to a cluster",
	"kube-tls-server-name":          "whose chart commands never talk to a cluster",
	"kube-insecure-skip-tls-verify": "whose chart commands never talk to a cluster",
	"burst-limit":                   "whose chart commands never talk to a cluster",
	"qps":                           "whose chart commands never talk to a cluster",
	"content-cache":                 "which downloads repository charts afresh each time",
}

// addHelmGlobalFlags declares helm's persistent flags on the root command and reports the ones
// given that change nothing here, before the command runs.
func addHelmGlobalFlags(root *cobra.Command) {
	f := root.PersistentFlags()
	f.String("kubeconfig", "", "path to the kubeconfig file")
	f.String("kube-context", "", "name of the kubeconfig context to use")
	f.String("kube-token", "", "bearer token used for authentication")
	f.String("kube-as-user", "", "username to impersonate for the operation")
	f.StringArray("kube-as-group", []string{}, "group to impersonate for the operation, this flag can be repeated to specify multiple groups.")
	f.String("kube-apiserver", "", "the address and the port for the Kubernetes API server")
	f.String("kube-ca-file", "", "the certificate authority file for the Kubernetes API server connection")
	f.String("kube-tls-server-name", "", "server name to use for Kubernetes API server certificate validation")
	f.Bool("kube-insecure-skip-tls-verify", false, "if true, the Kubernetes API server's certificate will not be checked for validity")
	f.Bool("debug", false, "enable verbose output")
	f.String("registry-config", "", "path to the registry config file")
	f.String("repository-config", "", "path to the file containing repository names and URLs")
	f.String("repository-cache", "", "path to the directory containing cached repository indexes")
	f.String("content-cache", "", "path to the directory containing cached content (e.g. charts)")
	f.Int("burst-limit", 100, "client-side default throttling limit")
	f.Float32("qps", 0, "queries per second used when communicating with the Kubernetes API, not including bursting")
	f.String("color", "auto", "use colored output (never, auto, always)")
	f.String("colour", "auto", "use colored output (never, auto, always)")
	root.PersistentPreRun = func(cmd *cobra.Command, _ []string) {
		// helm's --debug: its DEBUG lines on stderr, as helm's logger writes them
		debugLog, _ = cmd.Flags().GetBool("debug")
		readChartPathFlags(cmd)
		slog.SetDefault(slog.New(helmLogHandler(os.Stderr)))
		// where helm's repositories are (chartrepo.go), and the chart version a reference asks for
		repositoryConfig, _ = cmd.Flags().GetString("repository-config")
		repositoryCache, _ = cmd.Flags().GetString("repository-cache")
		if v := cmd.Flags().Lookup("version"); v != nil && cmd.Name() != "package" {
			chartVersionConstraint = v.Value.String()
		}
		cmd.Flags().Visit(func(fl *pflag.Flag) {
			if why, ok := globalNoOps[fl.Name]; ok {
				fmt.Fprintf(os.Stderr, "Flag --%s has no effect in Berth, %s\n", fl.Name, why)
			}
		})
	}
}

// nameFlags are install's release-name flags, which `helm template` takes too.
type nameFlags struct {
	generateName bool
	nameTemplate string
}

// addTemplateInstallFlags declares the install flags `helm template` accepts. Rendering is
// client-side, so helm ignores those about the cluster; so does Berth, silently, as helm does.
func addTemplateInstallFlags(f *pflag.FlagSet, names *nameFlags) {
	f.BoolVarP(&names.generateName, "generate-name", "g", false, "generate the name (and omit the NAME parameter)")
	f.StringVar(&names.nameTemplate, "name-template", "", "specify template used to name the release")
	bindPostRenderFlag(f)
	for _, b := range []struct{ name, usage string }{
		{"create-namespace", "create the release namespace if not present"},
		{"force-replace", "force resource updates by replacement"},
		{"force", "deprecated"},
		{"force-conflicts", "if set server-side apply will force changes against conflicts"},
		{"replace", "reuse the given name, only if that name is a deleted release which remains in the history"},
		{"wait-for-jobs", "if set and --wait enabled, will wait until all Jobs have been completed"},
		{"devel", "use development versions, too"},
		{"dependency-update", "update dependencies if they are missing before installing the chart"},
		{"disable-openapi-validation", "if set, the installation process will not validate rendered templates against the Kubernetes OpenAPI Schema"},
		{"rollback-on-failure", "if set, Helm will rollback (uninstall if doing an install) on failure"},
		{"atomic", "deprecated"},
		{"skip-crds", "if set, no CRDs will be installed"},
		{"render-subchart-notes", "if set, render subchart notes along with the parent"},
		{"enable-dns", "enable DNS lookups when rendering templates"},
		{"hide-notes", "if set, do not show notes in install output"},
		{"take-ownership", "if set, install will ignore the check for helm annotations and take ownership of the existing resources"},
		{"hide-secret", "hide Kubernetes Secrets when also using the --dry-run flag"},
		{"release-name", "use release name in the output-dir path."},
		{"validate", "deprecated"},
		{"verify", "verify the package before using it"},
		{"insecure-skip-tls-verify", "skip tls certificate checks for the chart download"},
		{"plain-http", "use insecure HTTP connections for the chart download"},
		{"pass-credentials", "pass credentials to all domains"},
	} {
		f.Bool(b.name, false, b.usage)
	}
	for _, s := range []struct{ name, usage string }{
		{"description", "add a custom description"},
		{"server-side", "must be \"true\", \"false\" or \"auto\""},
		{"version", "specify a version constraint for the chart version to use"},
		{"keyring", "location of public keys used for verification"},
		{"repo", "chart repository url where to locate the requested chart"},
		{"username", "chart repository username where to locate the requested chart"},
		{"password", "chart repository password where to locate the requested chart"},
		{"cert-file", "identify HTTPS client using this SSL certificate file"},
		{"key-file", "identify HTTPS client using this SSL key file"},
		{"ca-file", "verify certificates of HTTPS-enabled servers using this CA bundle"},
		{"output-dir", "writes the executed templates to files in output-dir instead of stdout"},
	} {
		f.String(s.name, "", s.usage)
	}
	f.Duration("timeout", 300*time.Second, "time to wait for any individual Kubernetes operation (like Jobs for hooks)")
	f.String("wait", "hookOnly", "if specified, wait until resources are ready (up to --timeout). Values: 'watcher', 'hookOnly', and 'legacy'.")
	f.Lookup("wait").NoOptDefVal = "watcher"
	f.String("dry-run", "none", `simulates the operation without persisting changes. Must be one of: "none" (default), "client", or "server".`)
	f.Lookup("dry-run").NoOptDefVal = "unset"
	f.StringToStringP("labels", "l", nil, "Labels that would be added to release metadata. Should be divided by comma.")
	f.MarkDeprecated("validate", "use '--dry-run=server' instead")
	f.MarkDeprecated("atomic", "use --rollback-on-failure instead")
	f.MarkDeprecated("force", "use --force-replace instead")
}

// releaseArgs is helm's Install.NameAndChart for `helm template`: NAME CHART, or CHART with
// --name-template, --generate-name or the "release-name" helm template defaults to.
func releaseArgs(args []string, names nameFlags) ([]string, error) {
	if len(args) == 2 {
		if names.generateName {
			return nil, errors.New("cannot set --generate-name and also specify a name")
		}
		if names.nameTemplate != "" {
			return nil, errors.New("cannot set --name-template and also specify a name")
		}
		return args, nil
	}
	if len(args) != 1 {
		return args, nil
	}
	if names.nameTemplate != "" {
		t, err := template.New("name-template").Funcs(sprig.TxtFuncMap()).Parse(names.nameTemplate)
		if err != nil {
			return nil, err
		}
		var b bytes.Buffer
		if err := t.Execute(&b, nil); err != nil {
			return nil, err
		}
		return []string{b.String(), args[0]}, nil
	}
	if names.generateName {
		base := filepath.Base(args[0])
		if base == "." || base == "" {
			base = "chart"
		}
		if idx := strings.Index(base, "."); idx != -1 {
			base = base[0:idx]
		}
		return []string{fmt.Sprintf("%s-%d", base, time.Now().Unix()), args[0]}, nil
	}
	return args, nil
}

// signing is `helm package --sign --key --keyring [--passphrase-file]`.
type signing struct {
	sign           bool
	key            string
	keyring        string
	passphraseFile string
}

func defaultKeyring() string {
	if v, ok := os.LookupEnv("GNUPGHOME"); ok {
		return filepath.Join(v, "pubring.gpg")
	}
	home, _ := os.UserHomeDir()
	return filepath.Join(home, ".gnupg", "pubring.gpg")
}

func addPackageSignFlags(f *pflag.FlagSet, s *signing) {
	f.BoolVar(&s.sign, "sign", false, "use a PGP private key to sign this package")
	f.StringVar(&s.key, "key", "", "name of the key to use when signing. Used if --sign is true")
	f.StringVar(&s.keyring, "keyring", defaultKeyring(), "location of a public keyring")
	f.StringVar(&s.passphraseFile, "passphrase-file", "", `location of a file which contains the passphrase for the signing key. Use "-" in order to read from stdin.`)
	f.BoolP("dependency-update", "u", false, `update dependencies from "Chart.yaml" to dir "charts/" before packaging`)
	for _, s := range []string{"username", "password", "cert-file", "key-file", "ca-file"} {
		f.String(s, "", "chart repository "+s+" for --dependency-update")
	}
	f.Bool("insecure-skip-tls-verify", false, "skip tls certificate checks for the chart download")
	f.Bool("plain-http", false, "use insecure HTTP connections for the chart download")
}

func (s signing) check() error {
	if !s.sign {
		return nil
	}
	if s.key == "" {
		return errors.New("--key is required for signing a package")
	}
	if s.keyring == "" {
		return errors.New("--keyring is required for signing a package")
	}
	return nil
}

// clearsign writes <archive>.prov as helm's Package.Clearsign does, so `helm verify` accepts it.
func (s signing) clearsign(filename string) error {
	signer, err := provenance.NewFromKeyring(s.keyring, s.key)
	if err != nil {
		return err
	}
	var passphrase []byte
	if s.passphraseFile != "" {
		file := os.Stdin
		if s.passphraseFile != "-" {
			if file, err = os.Open(s.passphraseFile); err != nil {
				return err
			}
			defer file.Close()
		}
		if passphrase, _, err = bufio.NewReader(file).ReadLine(); err != nil {
			return err
		}
	}
	if err := signer.DecryptKey(func(name string) ([]byte, error) {
		if passphrase == nil {
			return nil, fmt.Errorf("the key %q is protected by a passphrase: give it with --passphrase-file", name)
		}
		return passphrase, nil
	}); err != nil {
		return err
	}
	ch, err := loader.LoadFile(filename)
	if err != nil {
		return fmt.Errorf("failed to load chart for signing: %w", err)
	}
	metadataBytes, err := yaml.Marshal(ch.Metadata)
	if err != nil {
		return fmt.Errorf("failed to marshal chart metadata: %w", err)
	}
	archiveData, err := os.ReadFile(filename)
	if err != nil {
		return fmt.Errorf("failed to read chart archive: %w", err)
	}
	sig, err := signer.ClearSign(archiveData, filepath.Base(filename), metadataBytes)
	if err != nil {
		return err
	}
	return os.WriteFile(filename+".prov", []byte(sig), 0644)
}

// templateToDir is `helm template --output-dir DIR [--release-name]`: each rendered file goes to
// DIR[/NAME]/<source path> ("wrote <file>" printed for each write), as helm's renderResources and
// template command write them: a manifest file is created afresh on its first write in the run
// and appended to after; a hook is appended to a file that already exists (helm checks the disk).
// What remains on stdout is the empty manifest helm then prints: one newline.
func templateToDir(req *templateRequest, blob []byte, outputDir string, useReleaseName bool) error {
	request, err := json.Marshal(req)
	if err != nil {
		return err
	}
	res, stdout := dispatch("template", request, blob, 0)
	if res.Stderr != "" {
		io.WriteString(os.Stderr, res.Stderr)
	}
	if res.Error != "" {
		return errors.New(res.Error)
	}
	dir := outputDir
	if useReleaseName && len(req.Args) == 2 {
		dir = filepath.Join(outputDir, req.Args[0])
	}
	written := map[string]bool{}
	for _, block := range strings.Split("\n"+string(stdout), "\n---\n# Source: ") {
		nl := strings.Index(block, "\n")
		if nl < 0 {
			continue
		}
		name, body := block[:nl], strings.TrimSuffix(block[nl+1:], "\n")
		file := strings.Join([]string{dir, name}, string(filepath.Separator))
		appendTo := written[name]
		if strings.Contains(body, "helm.sh/hook") {
			if _, err := os.Stat(file); err == nil {
				appendTo = true
			}
		}
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return err
		}
		var f *os.File
		if appendTo {
			f, err = os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0o600)
		} else {
			f, err = os.Create(file)
		}
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(f, "---\n# Source: %s\n%s\n", name, body)
		f.Close()
		if err != nil {
			return err
		}
		written[name] = true
		fmt.Printf("wrote %s\n", file)
	}
	fmt.Println()
	return nil
}
