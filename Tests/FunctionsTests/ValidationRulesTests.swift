import Testing
@testable import Functions

@Suite struct CronTests {
    @Test(arguments: ["*/5 * * * *", "0 0 * * *", "0 9-17 * * mon-fri", "15,45 */2 1 jan,jul SUN", "@hourly", "@daily", "0 0 1 1 7", "5 4 * * ?"])
    func acceptsWhatKubernetesAccepts(_ cron: String) {
        #expect(Cron.problem(in: cron) == nil)
    }

    @Test(arguments: [
        ("* * * *", "a cron schedule has 5 fields (minute hour day-of-month month day-of-week), '* * * *' has 4"),
        ("60 * * * *", "minute 60 is out of range 0-59"),
        ("0 24 * * *", "hour 24 is out of range 0-23"),
        ("0 0 0 * *", "day of month 0 is out of range 1-31"),
        ("0 0 1 13 *", "month 13 is out of range 1-12"),
        ("0 0 * * 8", "day of week 8 is out of range 0-7"),
        ("*/0 * * * *", "the step '0' in the minute field must be a positive number"),
        ("0 0 * * funday", "'funday' is not a valid day of week (0-7 or a name)"),
        ("30-10 * * * *", "the range 30-10 in the minute field runs backwards"),
        ("@every 5m", "'@every' is not supported by Kubernetes CronJobs"),
        ("@fortnightly", "unknown macro '@fortnightly' (use one of @annually, @daily, @hourly, @midnight, @monthly, @weekly, @yearly)"),
    ])
    func namesTheFieldThatIsWrong(_ cron: String, _ message: String) {
        #expect(Cron.problem(in: cron) == message)
    }
}

@Suite struct QuantityAndNameTests {
    @Test(arguments: ["100m", "0.5", "1", "128Mi", "1Gi", "1e3", "2E-2", "500k", "+1"])
    func validQuantities(_ q: String) { #expect(Quantity.isValid(q)) }

    @Test(arguments: ["12 MB", "1GB", "abc", "", "1.2.3", "Mi", "1e", "--1"])
    func invalidQuantities(_ q: String) { #expect(!Quantity.isValid(q)) }

    @Test func dnsNames() {
        #expect(KubernetesNames.isDNS1035Label("hello-python"))
        #expect(!KubernetesNames.isDNS1035Label("1hello"))
        #expect(!KubernetesNames.isDNSLabel("Hello"))
        #expect(!KubernetesNames.isDNSLabel(String(repeating: "a", count: 64)))
        #expect(KubernetesNames.isHost("api.example.com"))
        #expect(KubernetesNames.isHost("*.example.com"))
        #expect(!KubernetesNames.isHost("not a host"))
        #expect(KubernetesNames.isQualifiedName("app.kubernetes.io/name"))
        #expect(!KubernetesNames.isQualifiedName("bad key/x/y"))
        #expect(KubernetesNames.isLabelValue(""))
        #expect(!KubernetesNames.isLabelValue("-x"))
    }

    /// The rules as the API server applies them, at their edges: lengths, separators, and
    /// characters outside ASCII (the checks work on bytes).
    @Test func namesAtTheirEdges() {
        #expect(KubernetesNames.isDNSLabel(String(repeating: "a", count: 63)))
        #expect(KubernetesNames.isDNSLabel("0a-9"))
        #expect(!KubernetesNames.isDNSLabel("a-"))
        #expect(!KubernetesNames.isDNSLabel(""))
        #expect(!KubernetesNames.isDNSLabel("café"))
        #expect(!KubernetesNames.isDNS1035Label(""))
        #expect(KubernetesNames.isDNSSubdomain("a.b-c.d"))
        #expect(!KubernetesNames.isDNSSubdomain("a..b"))
        #expect(!KubernetesNames.isDNSSubdomain("a.b."))
        #expect(!KubernetesNames.isDNSSubdomain(".a"))
        #expect(KubernetesNames.isDNSSubdomain(Array(repeating: String(repeating: "a", count: 63), count: 4).joined(separator: ".").dropLast(2) + ""))
        #expect(!KubernetesNames.isDNSSubdomain(Array(repeating: String(repeating: "a", count: 63), count: 4).joined(separator: ".")))
        #expect(KubernetesNames.isLabelValue("V1.2_x-y"))
        #expect(KubernetesNames.isLabelValue(String(repeating: "a", count: 63)))
        #expect(!KubernetesNames.isLabelValue(String(repeating: "a", count: 64)))
        #expect(!KubernetesNames.isLabelValue("x."))
        #expect(!KubernetesNames.isLabelValue("naïve"))
        #expect(KubernetesNames.isQualifiedName("Name_1"))
        #expect(KubernetesNames.isQualifiedName("kfn.dev/source-digest"))
        #expect(!KubernetesNames.isQualifiedName("/name"))
        #expect(!KubernetesNames.isQualifiedName("kfn.dev/"))
        #expect(!KubernetesNames.isQualifiedName("Kfn.dev/name"))
        #expect(!KubernetesNames.isQualifiedName("a/b/c"))
        #expect(KubernetesNames.isConfigMapKey("main.py"))
        #expect(!KubernetesNames.isConfigMapKey(".."))
        #expect(!KubernetesNames.isConfigMapKey("lib/x.py"))
        #expect(!KubernetesNames.isHost("example"))
    }

    @Test func credentialNames() {
        for n in ["DB_PASSWORD", "API_TOKEN", "CLIENT_SECRET", "AWS_ACCESS_KEY", "STRIPE_API_KEY"] {
            #expect(FunctionDecoder.looksLikeCredential(n), "\(n)")
        }
        for n in ["LOG_LEVEL", "KEYBOARD", "REGION"] {
            #expect(!FunctionDecoder.looksLikeCredential(n), "\(n)")
        }
    }
}
