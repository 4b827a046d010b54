package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	nodefast "sigs.k8s.io/kwok/kustomize/stage/node/fast"
	nodeheartbeat "sigs.k8s.io/kwok/kustomize/stage/node/heartbeat-with-lease"
	podfast "sigs.k8s.io/kwok/kustomize/stage/pod/fast"
)

const serviceCIDR = "10.96.0.0/16"

func apiserverArgs(p *pki, etcdURL string, port int) []string {
	return []string{
		"--etcd-servers=" + etcdURL,
		"--bind-address=127.0.0.1",
		"--advertise-address=127.0.0.1",
		"--secure-port=" + strconv.Itoa(port),
		"--tls-cert-file=" + p.path("apiserver.crt"),
		"--tls-private-key-file=" + p.path("apiserver.key"),
		"--client-ca-file=" + p.path("ca.crt"),
		"--token-auth-file=" + p.path("tokens.csv"),
		"--authorization-mode=Node,RBAC",
		"--service-account-issuer=https://kubernetes.default.svc.cluster.local",
		"--service-account-key-file=" + p.path("sa.pub"),
		"--service-account-signing-key-file=" + p.path("sa.key"),
		"--service-cluster-ip-range=" + serviceCIDR,
		"--allow-privileged=true",
		// The kubernetes Service would point at 127.0.0.1, which Endpoints refuse; nothing in
		// the simulated cluster dials it anyway.
		"--endpoint-reconciler-type=none",
		"--enable-priority-and-fairness=false",
		"--profiling=false",
		"--v=0",
	}
}

func controllerManagerArgs(p *pki, kubeconfigs string) []string {
	kc := filepath.Join(kubeconfigs, "controller-manager.kubeconfig")
	return []string{
		"--kubeconfig=" + kc,
		"--authentication-kubeconfig=" + kc,
		"--authorization-kubeconfig=" + kc,
		"--bind-address=127.0.0.1",
		"--secure-port=0",
		"--leader-elect=false",
		"--use-service-account-credentials=true",
		"--service-account-private-key-file=" + p.path("sa.key"),
		"--root-ca-file=" + p.path("ca.crt"),
		"--cluster-signing-cert-file=" + p.path("ca.crt"),
		"--cluster-signing-key-file=" + p.path("ca.key"),
		"--service-cluster-ip-range=" + serviceCIDR,
		"--profiling=false",
		"--v=0",
	}
}

func schedulerArgs(kubeconfigs string) []string {
	kc := filepath.Join(kubeconfigs, "scheduler.kubeconfig")
	return []string{
		"--kubeconfig=" + kc,
		"--authentication-kubeconfig=" + kc,
		"--authorization-kubeconfig=" + kc,
		"--bind-address=127.0.0.1",
		"--secure-port=0",
		"--leader-elect=false",
		"--profiling=false",
		"--v=0",
	}
}

func kwokArgs(kubeconfigs, stages string) []string {
	return []string{
		"--config=" + stages,
		"--kubeconfig=" + filepath.Join(kubeconfigs, "kwok.kubeconfig"),
		"--manage-all-nodes=false",
		"--manage-nodes-with-annotation-selector=" + kwokNodeAnnotation + "=fake",
		"--cidr=10.244.0.0/16",
		"--node-ip=10.240.0.1",
		"--node-lease-duration-seconds=40",
	}
}

// writeKwokStages writes kwok's own "fast" stages (nodes become Ready, pods Running and Ready
// right after scheduling, deleted pods go away) and Berth's pod-outcome stages
// (stages_outcome.go: run-to-completion pods succeed, or fail when annotated) as its configuration file.
func writeKwokStages(dir string) (string, error) {
	path := filepath.Join(dir, "kwok-stages.yaml")
	docs := []string{nodefast.DefaultNodeInit, nodeheartbeat.DefaultNodeHeartbeatWithLease,
		podfast.DefaultPodReady, podfast.DefaultPodComplete, podfast.DefaultPodDelete,
		podOutcomeFailStage, podOutcomeSucceedStage}
	for i, d := range docs {
		docs[i] = strings.TrimSpace(d)
	}
	if err := os.WriteFile(path, []byte(strings.Join(docs, "\n---\n")+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("kwok stages: %w", err)
	}
	return path, nil
}
