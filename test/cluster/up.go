package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"
	"time"
)

// state is written to <dir>/state.json once the cluster serves; scripts/cluster.mjs and the
// test helper read it.
type state struct {
	PID        int    `json:"pid"`
	Server     string `json:"server"`
	Kubeconfig string `json:"kubeconfig"`
	Version    string `json:"version"`
	StartedAt  string `json:"startedAt"`
	ReadyAt    string `json:"readyAt"`
}

type upOptions struct {
	dir      string
	port     int
	nodes    int
	ownerPID int
}

func runUp() int {
	opts := upOptions{}
	fs := flag.NewFlagSet("up", flag.ExitOnError)
	fs.StringVar(&opts.dir, "dir", ".berth-dev/cluster", "state directory (PKI, etcd data, logs, kubeconfig)")
	fs.IntVar(&opts.port, "port", 0, "kube-apiserver port on 127.0.0.1 (0 picks a free one)")
	fs.IntVar(&opts.nodes, "nodes", 2, "number of simulated nodes")
	fs.IntVar(&opts.ownerPID, "owner-pid", 0, "stop when this process exits (a test run that started the cluster)")
	_ = fs.Parse(os.Args[1:])

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if opts.ownerPID > 0 {
		ctx = stopWithOwner(ctx, opts.ownerPID)
	}
	if err := up(ctx, opts); err != nil && !errors.Is(err, context.Canceled) {
		fmt.Fprintln(os.Stderr, "berth-cluster:", err)
		return 1
	}
	return 0
}

func up(ctx context.Context, opts upOptions) error {
	dir, err := filepath.Abs(opts.dir)
	if err != nil {
		return err
	}
	logs := filepath.Join(dir, "logs")
	if err := os.MkdirAll(logs, 0o700); err != nil {
		return err
	}
	_ = os.Remove(filepath.Join(dir, "state.json"))
	started := time.Now()

	p, err := loadOrCreatePKI(filepath.Join(dir, "pki"))
	if err != nil {
		return fmt.Errorf("certificates: %w", err)
	}
	token, err := loadOrCreateToken(filepath.Join(dir, "pki"))
	if err != nil {
		return err
	}

	ports, err := loadOrPickPorts(filepath.Join(dir, "ports.json"), opts.port)
	if err != nil {
		return err
	}
	etcdURL, stopEtcd, err := startEtcd(filepath.Join(dir, "etcd"), filepath.Join(logs, "etcd.log"), ports.EtcdClient, ports.EtcdPeer)
	if err != nil {
		return fmt.Errorf("etcd: %w", err)
	}
	defer stopEtcd()

	port := ports.APIServer
	server := "https://127.0.0.1:" + strconv.Itoa(port)
	kubeconfigs := filepath.Join(dir, "components")
	if err := os.MkdirAll(kubeconfigs, 0o700); err != nil {
		return err
	}
	for _, identity := range []string{"admin", "controller-manager", "scheduler", "kwok"} {
		if err := writeComponentKubeconfig(filepath.Join(kubeconfigs, identity+".kubeconfig"), server, identity, p); err != nil {
			return err
		}
	}
	userKubeconfig := filepath.Join(dir, "kubeconfig")
	if err := writeUserKubeconfig(userKubeconfig, server, token, p); err != nil {
		return err
	}

	procs := &supervisor{logs: logs}
	defer procs.stopAll()

	if err := procs.start("kube-apiserver", apiserverArgs(p, etcdURL, port)); err != nil {
		return err
	}
	admin, err := adminClient(filepath.Join(kubeconfigs, "admin.kubeconfig"))
	if err != nil {
		return err
	}
	if err := waitReady(ctx, admin, procs); err != nil {
		return err
	}
	if err := procs.start("kube-controller-manager", controllerManagerArgs(p, kubeconfigs)); err != nil {
		return err
	}
	if err := procs.start("kube-scheduler", schedulerArgs(kubeconfigs)); err != nil {
		return err
	}
	stages, err := writeKwokStages(dir)
	if err != nil {
		return err
	}
	if err := procs.start("kwok", kwokArgs(kubeconfigs, stages)); err != nil {
		return err
	}
	if err := ensureNodes(ctx, admin, opts.nodes); err != nil {
		return fmt.Errorf("simulated nodes: %w", err)
	}
	if err := waitSchedulable(ctx, admin, procs); err != nil {
		return err
	}
	version, _ := admin.Discovery().ServerVersion()
	st := state{
		PID:        os.Getpid(),
		Server:     server,
		Kubeconfig: userKubeconfig,
		StartedAt:  started.UTC().Format(time.RFC3339),
		ReadyAt:    time.Now().UTC().Format(time.RFC3339),
	}
	if version != nil {
		st.Version = version.GitVersion
	}
	data, _ := json.MarshalIndent(st, "", "  ")
	if err := os.WriteFile(filepath.Join(dir, "state.json"), data, 0o600); err != nil {
		return err
	}
	defer os.Remove(filepath.Join(dir, "state.json"))
	fmt.Printf("berth-cluster: ready in %s at %s (kubeconfig %s)\n", time.Since(started).Round(time.Millisecond), server, userKubeconfig)

	select {
	case <-ctx.Done():
		fmt.Println("berth-cluster: stopping")
		return nil
	case name := <-procs.exited:
		return fmt.Errorf("%s stopped unexpectedly; see %s", name, filepath.Join(logs, name+".log"))
	}
}

// stopWithOwner ends the cluster once the owning process is gone, so a test run that started it
// does not leave it behind.
func stopWithOwner(parent context.Context, pid int) context.Context {
	ctx, cancel := context.WithCancel(parent)
	go func() {
		for ctx.Err() == nil {
			if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) {
				fmt.Printf("berth-cluster: owner process %d exited\n", pid)
				cancel()
				return
			}
			time.Sleep(2 * time.Second)
		}
	}()
	return ctx
}

func loadOrCreateToken(dir string) (string, error) {
	path := filepath.Join(dir, "admin.token")
	if data, err := os.ReadFile(path); err == nil && len(data) > 0 {
		return string(data), nil
	}
	buf := make([]byte, 24)
	if _, err := rand.Read(buf); err != nil {
		return "", err
	}
	token := hex.EncodeToString(buf)
	if err := os.WriteFile(path, []byte(token), 0o600); err != nil {
		return "", err
	}
	// kube-apiserver's static token file: token,user,uid,"group1,group2"
	line := fmt.Sprintf("%s,berth-admin,berth-admin,\"system:masters\"\n", token)
	return token, os.WriteFile(filepath.Join(dir, "tokens.csv"), []byte(line), 0o600)
}

// ports are kept in the state directory so that a restarted cluster keeps its address (and the
// kubeconfigs people copied stay valid) and etcd finds its member where it left it.
type ports struct {
	APIServer  int `json:"apiserver"`
	EtcdClient int `json:"etcdClient"`
	EtcdPeer   int `json:"etcdPeer"`
}

func loadOrPickPorts(path string, apiserver int) (ports, error) {
	var p ports
	if data, err := os.ReadFile(path); err == nil {
		_ = json.Unmarshal(data, &p)
	}
	if apiserver != 0 {
		p.APIServer = apiserver
	}
	taken := map[int]bool{}
	for _, port := range []*int{&p.APIServer, &p.EtcdClient, &p.EtcdPeer} {
		if *port != 0 && !taken[*port] && portFree(*port) {
			taken[*port] = true
			continue
		}
		for {
			free, err := freePort()
			if err != nil {
				return p, err
			}
			if !taken[free] {
				*port, taken[free] = free, true
				break
			}
		}
	}
	data, _ := json.Marshal(p)
	return p, os.WriteFile(path, data, 0o600)
}

func portFree(port int) bool {
	l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(port))
	if err != nil {
		return false
	}
	l.Close()
	return true
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// supervisor runs the components as child processes of this binary and stops them in reverse.
type supervisor struct {
	logs   string
	procs  []*child
	exited chan string
}

type child struct {
	name string
	cmd  *exec.Cmd
	done chan struct{}
}

func (s *supervisor) start(name string, args []string) error {
	if s.exited == nil {
		s.exited = make(chan string, 8)
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	logFile, err := os.OpenFile(filepath.Join(s.logs, name+".log"), os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	cmd := exec.Command(self, append([]string{name}, args...)...)
	cmd.Stdout = logFile
	cmd.Stderr = logFile
	// A component must not outlive the supervisor, even when the supervisor is killed hard.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		logFile.Close()
		return fmt.Errorf("start %s: %w", name, err)
	}
	c := &child{name: name, cmd: cmd, done: make(chan struct{})}
	s.procs = append(s.procs, c)
	go func() {
		_ = cmd.Wait()
		logFile.Close()
		close(c.done)
		s.exited <- name
	}()
	return nil
}

func (s *supervisor) stopAll() {
	for i := len(s.procs) - 1; i >= 0; i-- {
		c := s.procs[i]
		_ = c.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-c.done:
		case <-time.After(10 * time.Second):
			_ = c.cmd.Process.Kill()
			<-c.done
		}
	}
}
