//! Real `nats-server` processes for tests: one JetStream node, or a
//! JetStream cluster on loopback ports. Each server gets its own store
//! directory and free ports, is ready when its monitoring endpoint's
//! `/healthz` answers 200, and is killed by PID when dropped (also when the
//! test panics).
//!
//! The binary is `$NATS_SERVER` if set, else `nats-server` on the `PATH`;
//! when there is none, starting a server panics with one line saying how to
//! install it. No test skips.

use std::fs::File;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// What a test says when there is no server to start.
const MISSING: &str = "nats-server not found: install it with `apt-get install nats-server`, \
                       or set NATS_SERVER=/path/to/nats-server";
/// How long a server may take to become healthy.
const READY_WITHIN: Duration = Duration::from_secs(20);
/// The interval between two health checks.
const POLL: Duration = Duration::from_millis(50);
/// The name of the cluster the nodes of a [`Cluster`] form.
const CLUSTER_NAME: &str = "verso";

/// The ports one server listens on.
#[derive(Clone, Copy, Debug)]
struct Ports {
    client: u16,
    monitor: u16,
    cluster: u16,
}

/// One running `nats-server` with JetStream, on loopback.
pub struct NatsServer {
    name: String,
    ports: Ports,
    /// The other nodes' cluster ports (empty for a single node).
    routes: Vec<u16>,
    store: TempDir,
    child: Option<Child>,
}

impl NatsServer {
    /// Starts a single JetStream node and waits until it is ready.
    pub fn start() -> NatsServer {
        let [ports] = free_ports::<1>();
        let mut server = NatsServer::new("verso-single".to_owned(), ports, Vec::new());
        server.spawn();
        server.wait_ready();
        server
    }

    fn new(name: String, ports: Ports, routes: Vec<u16>) -> NatsServer {
        let store = tempfile::Builder::new()
            .prefix("verso-nats-")
            .tempdir()
            .expect("cannot create a store directory for nats-server");
        NatsServer {
            name,
            ports,
            routes,
            store,
            child: None,
        }
    }

    /// The URL clients connect to (`nats://127.0.0.1:PORT`).
    pub fn url(&self) -> String {
        format!("nats://127.0.0.1:{}", self.ports.client)
    }

    /// The server's name (its JetStream peer name in a cluster).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether the process is running (started and not killed).
    pub fn is_running(&self) -> bool {
        self.child.is_some()
    }

    /// Kills the process (SIGKILL, by its PID) and waits for it to exit; its
    /// store stays, for [`restart`](Self::restart).
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            // An error means the process has already exited: nothing to do.
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts the process again, on the same ports and store, and waits
    /// until it is ready.
    pub fn restart(&mut self) {
        self.kill();
        self.spawn();
        self.wait_ready();
    }

    fn log_path(&self) -> PathBuf {
        self.store.path().join("server.log")
    }

    fn spawn(&mut self) {
        let binary = std::env::var_os("NATS_SERVER").unwrap_or_else(|| "nats-server".into());
        let log = File::options()
            .create(true)
            .append(true)
            .open(self.log_path())
            .expect("cannot create the nats-server log file");
        let mut command = Command::new(&binary);
        command
            .args(self.arguments())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log);
        match command.spawn() {
            Ok(child) => self.child = Some(child),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => panic!("{MISSING}"),
            Err(e) => panic!("cannot start {}: {e}", binary.to_string_lossy()),
        }
    }

    fn arguments(&self) -> Vec<String> {
        let store = self.store.path().join("jetstream");
        let mut args: Vec<String> = vec![
            "--addr".into(),
            "127.0.0.1".into(),
            "--port".into(),
            self.ports.client.to_string(),
            "--http_port".into(),
            self.ports.monitor.to_string(),
            "--jetstream".into(),
            "--store_dir".into(),
            store.display().to_string(),
            "--server_name".into(),
            self.name.clone(),
        ];
        if !self.routes.is_empty() {
            let routes: Vec<String> = self
                .routes
                .iter()
                .map(|port| format!("nats://127.0.0.1:{port}"))
                .collect();
            args.extend([
                "--cluster_name".into(),
                CLUSTER_NAME.into(),
                "--cluster".into(),
                format!("nats://127.0.0.1:{}", self.ports.cluster),
                "--routes".into(),
                routes.join(","),
            ]);
        }
        args
    }

    /// Waits until `/healthz` says the server (and its JetStream) is ready.
    fn wait_ready(&mut self) {
        let deadline = Instant::now() + READY_WITHIN;
        while Instant::now() < deadline {
            if let Some(status) = self
                .child
                .as_mut()
                .and_then(|c| c.try_wait().ok().flatten())
            {
                panic!(
                    "nats-server {} exited ({status}) while starting:\n{}",
                    self.name,
                    self.log()
                );
            }
            if healthy(self.ports.monitor) {
                return;
            }
            std::thread::sleep(POLL);
        }
        panic!(
            "nats-server {} was not ready within {READY_WITHIN:?}:\n{}",
            self.name,
            self.log()
        );
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.log_path()).unwrap_or_default()
    }
}

impl Drop for NatsServer {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Nodes of one JetStream cluster, all on loopback.
pub struct Cluster {
    nodes: Vec<NatsServer>,
}

impl Cluster {
    /// Starts `N` nodes routed to each other and waits until every one
    /// is ready (JetStream's meta group then has a leader).
    pub fn start<const N: usize>() -> Cluster {
        let ports = free_ports::<N>();
        let mut nodes: Vec<NatsServer> = ports
            .iter()
            .enumerate()
            .map(|(i, own)| {
                let routes = ports
                    .iter()
                    .filter(|other| other.cluster != own.cluster)
                    .map(|other| other.cluster)
                    .collect();
                NatsServer::new(format!("verso-{}", i + 1), *own, routes)
            })
            .collect();
        // All first, then wait: a node is healthy only once the cluster has
        // formed.
        nodes.iter_mut().for_each(NatsServer::spawn);
        nodes.iter_mut().for_each(NatsServer::wait_ready);
        Cluster { nodes }
    }

    /// The client URLs of all nodes, for a client that fails over.
    pub fn urls(&self) -> Vec<String> {
        self.nodes.iter().map(NatsServer::url).collect()
    }

    /// The node called `name` (a JetStream peer name, as in a stream's
    /// cluster info).
    pub fn node_mut(&mut self, name: &str) -> Option<&mut NatsServer> {
        self.nodes.iter_mut().find(|node| node.name == name)
    }

    /// The nodes.
    pub fn nodes(&self) -> &[NatsServer] {
        &self.nodes
    }
}

/// Whether the monitoring endpoint on `port` answers `/healthz` with 200.
fn healthy(port: u16) -> bool {
    let Ok(mut stream) = TcpStream::connect((Ipv4Addr::LOCALHOST, port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(1)));
    let request = "GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer.starts_with("HTTP/1.0 200") || answer.starts_with("HTTP/1.1 200")
}

/// `N` sets of ports that were free a moment ago: every listener is held
/// until all are chosen, so no two are the same.
fn free_ports<const N: usize>() -> [Ports; N] {
    let listeners: Vec<TcpListener> = (0..3 * N)
        .map(|_| TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("no free loopback port"))
        .collect();
    let port = |i: usize| listeners[i].local_addr().expect("a bound port").port();
    std::array::from_fn(|i| Ports {
        client: port(3 * i),
        monitor: port(3 * i + 1),
        cluster: port(3 * i + 2),
    })
}
