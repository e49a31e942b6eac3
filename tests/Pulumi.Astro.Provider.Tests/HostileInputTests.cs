using System.Text;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Pulumi.Astro.Provider.Rpc;
using static Pulumi.Astro.Provider.Tests.Props;

namespace Pulumi.Astro.Provider.Tests;

/// <summary>
/// Whatever reaches the plugin gets a specific answer: a Check failure, or a status naming the problem (INVALID_ARGUMENT,
/// RESOURCE_EXHAUSTED), never INTERNAL or grpc-dotnet's "Exception was thrown by handler".
/// </summary>
public sealed class HostileInputTests : PluginFixture
{
    private const string Type = "astro:index:Deployment";
    private static readonly TimeSpan Ceiling = TimeSpan.FromSeconds(60);

    private static string Urn(string name) => UrnOf(name, Type);

    private async Task<CheckResponse> Check(Struct news, string name = "hostile") =>
        await Plugin.Client.CheckAsync(new CheckRequest { Urn = Urn(name), Name = name, Type = Type, Olds = new Struct(), News = news }, deadline: DateTime.UtcNow + Ceiling);

    private Struct Standard() => StandardDeployment(Sim.WorkspaceId, "hostile");

    [TestCase("defaultTaskPodCpu", "50000000000000000000000000000", "is more than 1,000,000 CPU cores")]
    [TestCase("defaultTaskPodCpu", "5e28", "is not a positive number of CPU cores")]
    [TestCase("resourceQuotaCpu", "79228162514264337593543950335", "is more than 1,000,000 CPU cores")]
    public async Task Check_HugeCpu_FailsNamingTheProperty(string property, string cpu, string reason)
    {
        var news = Standard();
        news.Fields[property] = S(cpu);
        var check = await Check(news);
        Assert.That(check.Failures.Select(f => $"{f.Property}: {f.Reason}"), Has.Some.Contains($"{property}: \"{cpu}\" {reason}"));
    }

    [TestCase(5e28, "must be from 1 to 1000, not 5E+28")]
    [TestCase(double.PositiveInfinity, "must be a finite number, not Infinity")]
    [TestCase(double.NaN, "must be a finite number, not NaN")]
    [TestCase(2.5, "must be a whole number, not 2.5")]
    public async Task Check_WildNumber_FailsNamingTheProperty(double value, string reason)
    {
        var news = Standard();
        news.Fields["workerQueues"].ListValue.Values[0].StructValue.Fields["maxWorkerCount"] = N(value);
        var check = await Check(news);
        Assert.That(check.Failures.Select(f => $"{f.Property}: {f.Reason}"), Has.Member($"workerQueues[0].maxWorkerCount: {reason}"));
    }

    [Test]
    public async Task Create_UncheckedIntegerOverflow_InvalidArgument()
    {
        var inputs = await CheckedAs(Type, "overflow", StandardDeployment(Sim.WorkspaceId, "overflow"));
        // An engine never sends what Check refused; a hostile client might.
        inputs.Fields["workerQueues"].ListValue.Values[0].StructValue.Fields["maxWorkerCount"] = N(5e28);
        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await Plugin.Client.CreateAsync(new CreateRequest { Urn = Urn("overflow"), Name = "overflow", Type = Type, Properties = inputs }, deadline: DateTime.UtcNow + Ceiling))!;
        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.InvalidArgument), error.Status.Detail);
        Assert.That(error.Status.Detail, Does.StartWith("maxWorkerCount: 5E+28 is not a whole number"));
    }

    [TestCase("")]
    [TestCase(" ")]
    [TestCase("\t\n")]
    public void ReadUpdateDelete_BlankId_InvalidArgumentNamingTheId(string id)
    {
        var props = Standard();
        var calls = new Func<Task>[]
        {
            async () => await Plugin.Client.ReadAsync(new ReadRequest { Id = id, Urn = Urn("x"), Type = Type, Properties = props, Inputs = props }, deadline: DateTime.UtcNow + Ceiling),
            async () => await Plugin.Client.UpdateAsync(new UpdateRequest { Id = id, Urn = Urn("x"), Type = Type, Olds = props, OldInputs = props, News = props }, deadline: DateTime.UtcNow + Ceiling),
            async () => await Plugin.Client.DeleteAsync(new DeleteRequest { Id = id, Urn = Urn("x"), Type = Type, Properties = props }, deadline: DateTime.UtcNow + Ceiling),
        };
        foreach (var call in calls)
        {
            var error = Assert.ThrowsAsync<RpcException>(() => call())!;
            Assert.That(error.StatusCode, Is.EqualTo(StatusCode.InvalidArgument), error.Status.Detail);
            Assert.That(error.Status.Detail, Does.StartWith("the resource id is").And.Contain("never empty"));
        }
    }

    [Test]
    public void Invoke_BlankId_InvalidArgument()
    {
        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await Plugin.Client.InvokeAsync(new InvokeRequest { Tok = "astro:index:getDeployment", Args = Struct(("id", S(" "))) }, deadline: DateTime.UtcNow + Ceiling))!;
        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.InvalidArgument), error.Status.Detail);
        Assert.That(error.Status.Detail, Does.StartWith("invalid input:").And.Contain("whitespace"));
    }

    [Test]
    public async Task Check_ObjectsNested48Deep_InvalidArgumentSayingSo()
    {
        var value = S("x");
        for (var i = 0; i < 48; i++) value = Obj(("a", value));
        var news = Standard();
        news.Fields["description"] = value;
        var error = Assert.ThrowsAsync<RpcException>(() => Check(news))!;
        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.InvalidArgument), error.Status.Detail);
        Assert.That(error.Status.Detail, Is.EqualTo("the Check request cannot be read: its values are nested too deeply (protobuf reads at most 100 message " +
            "levels: about 33 levels of objects or 50 of lists, far more than any astro property has)"));
        await Check(Standard());
    }

    [Test]
    public async Task Check_ListsNested48Deep_CheckFailure()
    {
        var value = S("x");
        for (var i = 0; i < 48; i++) value = List(value);
        var news = Standard();
        news.Fields["description"] = value;
        var check = await Check(news);
        Assert.That(check.Failures.Select(f => $"{f.Property}: {f.Reason}"), Has.Member("description: must be a string, not a list"));
    }

    private static readonly Method<byte[], byte[]> RawCheck = Raw("Check");
    private static readonly Method<byte[], byte[]> RawGetPluginInfo = Raw("GetPluginInfo");

    private static Method<byte[], byte[]> Raw(string name) =>
        new(MethodType.Unary, "pulumirpc.ResourceProvider", name, Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b));

    private static CallInvoker Invoker(GrpcChannel channel) => channel.CreateCallInvoker();

    [TestCase(new byte[] { 0xff, 0xff, 0xff, 0xff })]
    [TestCase(new byte[] { 0x0a, 0x80 })]
    [TestCase(new byte[] { 0x22, 0x05, 0x0a })]
    public async Task Check_GarbageBytes_InvalidArgument(byte[] garbage)
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{Plugin.Port}");
        var error = Assert.ThrowsAsync<RpcException>(async () => await Invoker(channel).AsyncUnaryCall(RawCheck, null, new CallOptions(deadline: DateTime.UtcNow + Ceiling), garbage))!;
        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.InvalidArgument), error.Status.Detail);
        Assert.That(error.Status.Detail, Does.StartWith("the Check request cannot be read: it is not a valid protobuf message"));
        await Check(Standard());
    }

    [Test]
    public void Check_GarbageText_InvalidArgument()
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{Plugin.Port}");
        var garbage = Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        var error = Assert.ThrowsAsync<RpcException>(async () => await Invoker(channel).AsyncUnaryCall(RawCheck, null, new CallOptions(deadline: DateTime.UtcNow + Ceiling), garbage))!;
        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.InvalidArgument), error.Status.Detail);
    }

    /// <summary>A protobuf message (an Empty with one unknown bytes field) of exactly <paramref name="size"/> bytes.</summary>
    private static byte[] MessageOf(int size)
    {
        static int VarintSize(int n) => n < 1 << 7 ? 1 : n < 1 << 14 ? 2 : n < 1 << 21 ? 3 : n < 1 << 28 ? 4 : 5;
        var data = size - 1 - VarintSize(size);
        data = size - 1 - VarintSize(data);
        var bytes = new byte[size];
        var stream = new Google.Protobuf.CodedOutputStream(bytes);
        stream.WriteTag(15, Google.Protobuf.WireFormat.WireType.LengthDelimited);
        stream.WriteLength(data);
        stream.Flush();
        Assert.That(stream.Position + data, Is.EqualTo(size));
        return bytes;
    }

    [Test]
    public async Task AnyCall_RequestAtTheLimit_Answered()
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{Plugin.Port}");
        var reply = await Invoker(channel).AsyncUnaryCall(RawGetPluginInfo, null, new CallOptions(deadline: DateTime.UtcNow + Ceiling), MessageOf(ProviderHost.MaxRequestBytes));
        Assert.That(PluginInfo.Parser.ParseFrom(reply).Version, Is.Not.Empty);
    }

    [Test]
    public async Task AnyCall_RequestOverTheLimit_ResourceExhausted()
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{Plugin.Port}");
        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await Invoker(channel).AsyncUnaryCall(RawGetPluginInfo, null, new CallOptions(deadline: DateTime.UtcNow + Ceiling), MessageOf(ProviderHost.MaxRequestBytes + 1)))!;
        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.ResourceExhausted), error.Status.Detail);
        Assert.That((await Plugin.Client.GetPluginInfoAsync(new Empty(), deadline: DateTime.UtcNow + Ceiling)).Version, Is.Not.Empty);
    }
}
