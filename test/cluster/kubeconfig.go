package main

import (
	"os"

	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

const clusterName = "berth-harness"

// Context names in the kubeconfig written for people and tests.
const (
	tokenContext = "berth-harness"
	certContext  = "berth-harness-cert"
)

func readFile(path string) []byte {
	data, err := os.ReadFile(path)
	if err != nil {
		panic(err)
	}
	return data
}

func newConfig(server string, p *pki) *clientcmdapi.Config {
	cfg := clientcmdapi.NewConfig()
	cluster := clientcmdapi.NewCluster()
	cluster.Server = server
	cluster.CertificateAuthorityData = readFile(p.path("ca.crt"))
	cfg.Clusters[clusterName] = cluster
	return cfg
}

// writeUserKubeconfig writes the kubeconfig people and tests use: one context that
// authenticates with a bearer token and one with a client certificate, both as administrator.
func writeUserKubeconfig(path, server, token string, p *pki) error {
	cfg := newConfig(server, p)
	tokenUser := clientcmdapi.NewAuthInfo()
	tokenUser.Token = token
	certUser := clientcmdapi.NewAuthInfo()
	certUser.ClientCertificateData = readFile(p.path("admin.crt"))
	certUser.ClientKeyData = readFile(p.path("admin.key"))
	cfg.AuthInfos["berth-admin-token"] = tokenUser
	cfg.AuthInfos["berth-admin-cert"] = certUser
	cfg.Contexts[tokenContext] = &clientcmdapi.Context{Cluster: clusterName, AuthInfo: "berth-admin-token", Namespace: "default"}
	cfg.Contexts[certContext] = &clientcmdapi.Context{Cluster: clusterName, AuthInfo: "berth-admin-cert", Namespace: "default"}
	cfg.CurrentContext = tokenContext
	return clientcmd.WriteToFile(*cfg, path)
}

// writeComponentKubeconfig writes the kubeconfig one control-plane component uses.
func writeComponentKubeconfig(path, server, identity string, p *pki) error {
	cfg := newConfig(server, p)
	user := clientcmdapi.NewAuthInfo()
	user.ClientCertificate = p.path(identity + ".crt")
	user.ClientKey = p.path(identity + ".key")
	cfg.AuthInfos[identity] = user
	cfg.Contexts[identity] = &clientcmdapi.Context{Cluster: clusterName, AuthInfo: identity}
	cfg.CurrentContext = identity
	return clientcmd.WriteToFile(*cfg, path)
}
