package main

// `berth template|show oci://host/repo/chart --version 1.2.3`: the chart pulled as helm pulls it,
// by helm's own ChartPathOptions.LocateChart with helm's registry client, whose credentials come
// from helm's registry config (registry.json written by `helm registry login`; --registry-config
// or HELM_REGISTRY_CONFIG), with helm's chart-download flags (--plain-http, --ca-file,
// --cert-file, --key-file, --insecure-skip-tls-verify, --username, --password). The package is
// then vetted like any other before Helm's loader reads it.

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net/http"
	"os"

	"github.com/spf13/cobra"
	"helm.sh/helm/v4/pkg/action"
	"helm.sh/helm/v4/pkg/cli"
	"helm.sh/helm/v4/pkg/registry"
)

// chartPathFlags are helm's addChartPathOptionsFlags values of the running command.
var chartPathFlags action.ChartPathOptions

// readChartPathFlags fills chartPathFlags from the command's flags (those it declares).
func readChartPathFlags(cmd *cobra.Command) {
	str := func(name string) string {
		if f := cmd.Flags().Lookup(name); f != nil {
			return f.Value.String()
		}
		return ""
	}
	on := func(name string) bool { return str(name) == "true" }
	chartPathFlags = action.ChartPathOptions{
		CaFile:                str("ca-file"),
		CertFile:              str("cert-file"),
		KeyFile:               str("key-file"),
		InsecureSkipTLSVerify: on("insecure-skip-tls-verify"),
		PlainHTTP:             on("plain-http"),
		Password:              str("password"),
		PassCredentialsAll:    on("pass-credentials"),
		Username:              str("username"),
		Verify:                on("verify"),
		Keyring:               str("keyring"),
	}
	settingsFlags = map[string]string{}
	for _, name := range []string{"registry-config", "repository-config", "repository-cache", "content-cache"} {
		if f := cmd.Flags().Lookup(name); f != nil && f.Changed {
			settingsFlags[name] = f.Value.String()
		}
	}
}

// settingsFlags are helm's global file flags given on the command line.
var settingsFlags map[string]string

func helmSettings() *cli.EnvSettings {
	s := cli.New()
	if v, ok := settingsFlags["registry-config"]; ok {
		s.RegistryConfig = v
	}
	if v, ok := settingsFlags["repository-config"]; ok {
		s.RepositoryConfig = v
	}
	if v, ok := settingsFlags["repository-cache"]; ok {
		s.RepositoryCache = v
	}
	if v, ok := settingsFlags["content-cache"]; ok {
		s.ContentCache = v
	}
	s.Debug = debugLog
	return s
}

// locateOCIChart pulls an oci:// chart as helm install/template/show do and vets the package.
func locateOCIChart(name string) (string, error) {
	settings := helmSettings()
	opts := chartPathFlags
	opts.Version = chartVersionConstraint
	rc, err := newRegistryClient(settings, opts)
	if err != nil {
		return name, fmt.Errorf("missing registry client: %w", err)
	}
	client := action.NewInstall(action.NewConfiguration())
	client.ChartPathOptions = opts
	client.SetRegistryClient(rc)
	cp, err := client.LocateChart(name, settings)
	if err != nil {
		return name, err
	}
	if _, err := vetChartPath(cp); err != nil {
		return name, err
	}
	return cp, nil
}

// newRegistryClient is pkg/cmd/root.go's newRegistryClient.
func newRegistryClient(settings *cli.EnvSettings, c action.ChartPathOptions) (*registry.Client, error) {
	opts := []registry.ClientOption{
		registry.ClientOptDebug(settings.Debug),
		registry.ClientOptEnableCache(true),
		registry.ClientOptWriter(os.Stderr),
		registry.ClientOptCredentialsFile(settings.RegistryConfig),
		registry.ClientOptBasicAuth(c.Username, c.Password),
	}
	if c.CertFile != "" && c.KeyFile != "" || c.CaFile != "" || c.InsecureSkipTLSVerify {
		tlsConf, err := tlsConfig(c)
		if err != nil {
			return nil, fmt.Errorf("can't create TLS config for client: %w", err)
		}
		opts = append(opts, registry.ClientOptHTTPClient(&http.Client{Transport: &http.Transport{TLSClientConfig: tlsConf, Proxy: http.ProxyFromEnvironment}}))
	} else if c.PlainHTTP {
		opts = append(opts, registry.ClientOptPlainHTTP())
	}
	return registry.NewClient(opts...)
}

// tlsConfig is helm's internal/tlsutil.NewTLSConfig for these three options.
func tlsConfig(c action.ChartPathOptions) (*tls.Config, error) {
	conf := &tls.Config{InsecureSkipVerify: c.InsecureSkipTLSVerify} //nolint:gosec // helm's --insecure-skip-tls-verify
	if c.CertFile != "" && c.KeyFile != "" {
		pair, err := tls.LoadX509KeyPair(c.CertFile, c.KeyFile)
		if err != nil {
			return nil, fmt.Errorf("unable to load cert from key pair: %w", err)
		}
		conf.Certificates = []tls.Certificate{pair}
	}
	if c.CaFile != "" {
		pem, err := os.ReadFile(c.CaFile)
		if err != nil {
			return nil, fmt.Errorf("can't read CA file: %v", c.CaFile)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("failed to append certificates from file: %s", c.CaFile)
		}
		conf.RootCAs = pool
	}
	return conf, nil
}
