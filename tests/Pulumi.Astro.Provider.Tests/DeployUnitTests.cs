using System.Formats.Tar;
using System.IO.Compression;
using Google.Protobuf.WellKnownTypes;
using Pulumi.Astro.Provider.Protocol;
using Pulumi.Astro.Provider.Resources;
using Pulumi.Astro.Provider.Schema;
using static Pulumi.Astro.Provider.Tests.Props;
using Api = Pulumi.Astro.Client.Models;

namespace Pulumi.Astro.Provider.Tests;

/// <summary>A temporary DAG folder with a small real Airflow DAG; deleted with the test.</summary>
public sealed class DagFolder : IDisposable
{
    public const string DagSource = """
        from datetime import datetime

        from airflow import DAG
        from airflow.operators.bash import BashOperator

        with DAG(dag_id="pulumi_hello", start_date=datetime(2024, 1, 1), schedule="@daily", catchup=False) as dag:
            BashOperator(task_id="hello", bash_command="echo hello from pulumi")
        """;

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "astro-dags-" + Guid.NewGuid().ToString("N"));

    public DagFolder(bool withJunk = true)
    {
        Directory.CreateDirectory(Path);
        Write("hello.py", DagSource);
        Write("include/helpers.py", "def greet(name):\n    return f\"hello {name}\"\n");
        Write("include/sql/query.sql", "SELECT 1;\n");
        if (!withJunk) return;
        Write("__pycache__/hello.cpython-312.pyc", "compiled");
        Write("include/helpers.pyc", "compiled");
        Write(".git/HEAD", "ref: refs/heads/main\n");
    }

    public void Write(string relative, string text)
    {
        var file = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
    }

    /// <summary>The files a deploy should carry: name under dags/ → content.</summary>
    public Dictionary<string, string> Expected() => new()
    {
        ["dags/hello.py"] = File.ReadAllText(System.IO.Path.Combine(Path, "hello.py")),
        ["dags/include/helpers.py"] = File.ReadAllText(System.IO.Path.Combine(Path, "include/helpers.py")),
        ["dags/include/sql/query.sql"] = File.ReadAllText(System.IO.Path.Combine(Path, "include/sql/query.sql")),
    };

    /// <summary>Reads a gzip tarball back: every entry, in order.</summary>
    public static List<TarEntry> Entries(byte[] gzip, Dictionary<string, string>? files = null)
    {
        using var gz = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        using var reader = new TarReader(gz);
        var entries = new List<TarEntry>();
        while (reader.GetNextEntry(copyData: true) is { } e)
        {
            entries.Add(e);
            if (files is not null && e.EntryType == TarEntryType.RegularFile)
                files[e.Name] = new StreamReader(e.DataStream!).ReadToEnd();
        }
        return entries;
    }

    /// <summary>The content hash of a folder, as Check computes it.</summary>
    public static string HashOf(string path) => DagTarball.Hash(DagTarball.Files(path));

    /// <summary>The gzip a deploy of a folder uploads (its temporary file deleted).</summary>
    public static byte[] GzipOf(string path)
    {
        using var packed = DagTarball.Pack(path);
        return packed.Gzip;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

/// <summary>The deterministic DAG tarball (issue: same content, same bytes and hash).</summary>
public sealed class DagTarballTests
{
    [Test]
    public void Pack_SameFolderTwice_IdenticalBytesAndHash()
    {
        using var dags = new DagFolder();
        using var first = DagTarball.Pack(dags.Path);
        // New times on disk alone change nothing.
        foreach (var f in Directory.EnumerateFiles(dags.Path, "*", SearchOption.AllDirectories)) File.SetLastWriteTimeUtc(f, DateTime.UtcNow.AddDays(-3));
        using var second = DagTarball.Pack(dags.Path);
        Assert.That(second.Gzip, Is.EqualTo(first.Gzip));
        Assert.That(second.Hash, Is.EqualTo(first.Hash).And.Match("^sha256:[0-9a-f]{64}$"));
    }

    [Test]
    public void Pack_SameFilesInAnotherFolder_SameHash()
    {
        using var a = new DagFolder();
        using var b = new DagFolder(withJunk: false);
        Assert.That(DagFolder.HashOf(b.Path), Is.EqualTo(DagFolder.HashOf(a.Path)), "excluded files do not count");
    }

    [TestCase("edit")]
    [TestCase("rename")]
    [TestCase("add")]
    public void Pack_FileChanged_DifferentHash(string change)
    {
        using var dags = new DagFolder();
        var before = DagFolder.HashOf(dags.Path);
        var hello = Path.Combine(dags.Path, "hello.py");
        switch (change)
        {
            case "edit": File.AppendAllText(hello, "# one more line\n"); break;
            case "rename": File.Move(hello, Path.Combine(dags.Path, "hello_dag.py")); break;
            default: dags.Write("include/new.py", ""); break;
        }
        Assert.That(DagFolder.HashOf(dags.Path), Is.Not.EqualTo(before));
    }

    [Test]
    public void Pack_Entries_UnderDagsSortedFixedTimesModesOwnersAndNoJunk()
    {
        using var dags = new DagFolder();
        var files = new Dictionary<string, string>();
        var entries = DagFolder.Entries(DagFolder.GzipOf(dags.Path), files);
        var names = entries.Select(e => e.Name).ToList();
        Assert.That(names, Is.EqualTo(new[] { "dags/", "dags/hello.py", "dags/include/", "dags/include/helpers.py", "dags/include/sql/", "dags/include/sql/query.sql" }));
        Assert.That(names, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
        Assert.That(files, Is.EqualTo(dags.Expected()));
        Assert.Multiple(() =>
        {
            foreach (var e in entries.Cast<PosixTarEntry>())
            {
                Assert.That(e.ModificationTime, Is.EqualTo(DagTarball.FixedTime), e.Name);
                Assert.That(e.Mode, Is.EqualTo(e.EntryType == TarEntryType.Directory ? DagTarball.DirectoryMode : DagTarball.FileMode), e.Name);
                Assert.That((e.Uid, e.Gid, e.UserName, e.GroupName), Is.EqualTo((0, 0, "", "")), e.Name);
            }
        });
    }

    [Test]
    public void Gzip_Header_HasNoTimeAndNoOs()
    {
        var gzip = DagTarball.Gzip([1, 2, 3]);
        Assert.That(gzip[..10], Is.EqualTo(new byte[] { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255 }));
        using var gz = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        using var back = new MemoryStream();
        gz.CopyTo(back);
        Assert.That(back.ToArray(), Is.EqualTo(new byte[] { 1, 2, 3 }), "still a valid gzip");
    }

    [Test]
    public void Pack_LongPath_Deterministic()
    {
        using var dags = new DagFolder(withJunk: false);
        var deep = string.Join('/', Enumerable.Repeat("very_long_folder_name_for_dags", 6)) + "/dag.py";
        dags.Write(deep, "x = 1\n");
        using var first = DagTarball.Pack(dags.Path);
        Assert.That(DagFolder.GzipOf(dags.Path), Is.EqualTo(first.Gzip));
        Assert.That(DagFolder.Entries(first.Gzip).Select(e => e.Name), Has.Member("dags/" + deep));
    }
}

/// <summary>Check rules of the Deploy, as a table (API fact sheet §4.7, §8).</summary>
public sealed class DeployCheckTests
{
    private static DagFolder _dags = null!;

    [OneTimeSetUp]
    public void MakeFolder() => _dags = new DagFolder();

    [OneTimeTearDown]
    public void RemoveFolder() => _dags.Dispose();

    private static Struct Valid() => Struct(("deploymentId", S("cdep")), ("dagsPath", S(_dags.Path)), ("description", S("nightly")));

    private static (PropertyMap Inputs, List<CheckFailure> Failures) Check(Struct news)
    {
        var failures = new List<CheckFailure>();
        var inputs = new Deploy().Check("res", PropertyMap.Empty, Marshal.FromStruct(news), failures);
        return (inputs, failures);
    }

    [Test]
    public void Check_Valid_DefaultsAndContentHash()
    {
        var (inputs, failures) = Check(Valid());
        Assert.That(failures, Is.Empty);
        Assert.That(inputs["type"].AsString, Is.EqualTo("DAG_ONLY"));
        Assert.That(inputs["waitForDeployment"].AsBool, Is.True);
        Assert.That(inputs["rollbackOnFailure"].AsBool, Is.False);
        Assert.That(inputs["contentHash"].AsString, Is.EqualTo(DagFolder.HashOf(_dags.Path)));
    }

    [TestCase("type", "\"BUNDLE\"", "type", "must be one of")]
    [TestCase("type", "\"IMAGE_ONLY\"", "imageTag", "is required for IMAGE_ONLY")]
    [TestCase("type", "\"IMAGE_AND_DAG\"", "imageTag", "is required for IMAGE_AND_DAG")]
    [TestCase("type", "\"IMAGE_ONLY\"", "dagsPath", "is not allowed for IMAGE_ONLY")]
    [TestCase("imageTag", "\"git-abc\"", "imageTag", "is not allowed for DAG_ONLY")]
    [TestCase("deploymentId", null, "deploymentId", "is required")]
    [TestCase("dagsPath", null, "dagsPath", "is required for DAG_ONLY")]
    [TestCase("dagsPath", "\"/nonexistent/astro/dags\"", "dagsPath", "does not exist")]
    [TestCase("dagsPath", "\"relative-missing-dags\"", "dagsPath", "resolved against")]
    [TestCase("description", null, "description", "at most 500")]
    [TestCase("git", "{\"provider\":\"GITHUB\",\"commitSha\":\"abc\",\"repo\":\"dags\"}", "git.account", "required when provider is GITHUB")]
    [TestCase("git", "{\"provider\":\"GITHUB\",\"commitSha\":\"abc\",\"account\":\"a\",\"repo\":\"r\",\"remoteUrl\":\"https://x\"}", "git.remoteUrl", "must be empty when provider is GITHUB")]
    [TestCase("git", "{\"provider\":\"GENERIC\",\"commitSha\":\"abc\"}", "git.remoteUrl", "required when provider is GENERIC")]
    [TestCase("git", "{\"provider\":\"GENERIC\",\"commitSha\":\"abc\",\"remoteUrl\":\"https://x\",\"repo\":\"r\"}", "git.repo", "must be empty when provider is GENERIC")]
    [TestCase("git", "{\"provider\":\"GITLAB\",\"commitSha\":\"abc\"}", "git.provider", "must be one of")]
    [TestCase("git", "{\"provider\":\"GENERIC\",\"remoteUrl\":\"https://x\"}", "git.commitSha", "is required")]
    [TestCase("status", "\"DEPLOYED\"", "status", "cannot be set")]
    public void Check_RuleBroken_FailureNamesPathAndRule(string field, string? json, string path, string reason)
    {
        var news = Valid();
        if (field == "description") news.Fields["description"] = S(new string('x', 501));
        else if (json is null) news.Fields.Remove(field);
        else news.Fields[field] = Value.Parser.ParseJson(json);
        var (_, failures) = Check(news);
        Assert.That(failures.Select(f => $"{f.Property}: {f.Reason}"), Has.Some.Matches<string>(f => f.StartsWith(path + ": ", StringComparison.Ordinal) && f.Contains(reason)));
    }

    [Test]
    public void Check_ContentHashFedBack_KeptAsGivenAndNoFailure()
    {
        // ignoreChanges: [contentHash] makes the engine copy the old hash into the new inputs before Check.
        var news = Valid();
        news.Fields["contentHash"] = S("sha256:00");
        var (inputs, failures) = Check(news);
        Assert.That(failures, Is.Empty);
        Assert.That(inputs["contentHash"].AsString, Is.EqualTo("sha256:00"));
    }

    [TestCase("IMAGE_ONLY", false, "git-0a1b2c3")]
    [TestCase("IMAGE_AND_DAG", true, "v1.2.3_build-7")]
    public void Check_ImageDeployWithTag_Valid(string type, bool dags, string tag)
    {
        var news = Valid();
        news.Fields["type"] = S(type);
        news.Fields["imageTag"] = S(tag);
        if (!dags) news.Fields.Remove("dagsPath");
        var (inputs, failures) = Check(news);
        Assert.That(failures.Select(f => $"{f.Property}: {f.Reason}"), Is.Empty);
        Assert.That(inputs["imageTag"].AsString, Is.EqualTo(tag));
        Assert.That(inputs.Has("contentHash"), Is.EqualTo(dags), "only a type that ships DAGs hashes them");
    }

    [TestCase("IMAGE_AND_DAG")]
    [TestCase("DAG_ONLY")]
    public void Check_DagTypeWithoutDagsPath_FailsNamingDagsPath(string type)
    {
        var news = Valid();
        news.Fields["type"] = S(type);
        if (type != "DAG_ONLY") news.Fields["imageTag"] = S("ci-1");
        news.Fields.Remove("dagsPath");
        var failure = Check(news).Failures.Single();
        Assert.That(failure.Property, Is.EqualTo("dagsPath"));
        Assert.That(failure.Reason, Does.Contain($"is required for {type}"));
    }

    [TestCase("-leading-dash")]
    [TestCase("has:colon")]
    [TestCase("")]
    public void Check_InvalidImageTag_FailsNamingImageTag(string tag)
    {
        var news = Valid();
        news.Fields["type"] = S("IMAGE_ONLY");
        news.Fields.Remove("dagsPath");
        news.Fields["imageTag"] = S(tag);
        var failure = Check(news).Failures.Single();
        Assert.That(failure.Property, Is.EqualTo("imageTag"));
        Assert.That(failure.Reason, Does.Contain("not a valid image tag"));
    }

    [Test]
    public void Check_UnknownImageTagInPreview_NoFailure()
    {
        var news = Valid();
        news.Fields["type"] = S("IMAGE_AND_DAG");
        news.Fields["imageTag"] = Unknown;
        Assert.That(Check(news).Failures, Is.Empty);
    }

    [Test]
    public void Check_FolderWithOnlyExcludedFiles_FailsNamingExclusions()
    {
        var empty = Path.Combine(Path.GetTempPath(), "astro-empty-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(empty, "__pycache__"));
        File.WriteAllText(Path.Combine(empty, "__pycache__", "x.pyc"), "");
        File.WriteAllText(Path.Combine(empty, "old.pyc"), "");
        try
        {
            var news = Valid();
            news.Fields["dagsPath"] = S(empty);
            var failure = Check(news).Failures.Single();
            Assert.That(failure.Property, Is.EqualTo("dagsPath"));
            Assert.That(failure.Reason, Does.Contain("no files to deploy").And.Contain("__pycache__"));
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Test]
    public void Check_RelativePath_ResolvedAgainstWorkingDirectory()
    {
        var news = Valid();
        news.Fields["dagsPath"] = S(Path.GetRelativePath(Directory.GetCurrentDirectory(), _dags.Path));
        var (inputs, failures) = Check(news);
        Assert.That(failures, Is.Empty);
        Assert.That(inputs["dagsPath"].AsString, Is.EqualTo(news.Fields["dagsPath"].StringValue), "kept as written");
        Assert.That(inputs["contentHash"].AsString, Is.EqualTo(DagFolder.HashOf(_dags.Path)));
    }

    [Test]
    public void Check_UnknownDeploymentIdInPreview_NoFailureAndHashComputed()
    {
        var news = Valid();
        news.Fields["deploymentId"] = Unknown;
        var (inputs, failures) = Check(news);
        Assert.That(failures, Is.Empty);
        Assert.That(inputs["contentHash"].AsString, Does.StartWith("sha256:"));
    }

    [Test]
    public void Check_UnknownDagsPath_UnknownHash()
    {
        var news = Valid();
        news.Fields["dagsPath"] = Unknown;
        var (inputs, failures) = Check(news);
        Assert.That(failures, Is.Empty);
        Assert.That(inputs["contentHash"].IsUnknown, Is.True);
    }

    [TestCase("cdep/cdeploy", "cdep", "cdeploy")]
    public void ParseId_DeploymentSlashDeploy_Splits(string id, string deployment, string deploy) =>
        Assert.That(Deploy.ParseId(id), Is.EqualTo((deployment, deploy)));

    [TestCase("cdeploy")]
    [TestCase("a/b/c")]
    [TestCase("/cdeploy")]
    public void ParseId_Malformed_InputExceptionNamesFormat(string id) =>
        Assert.That(() => Deploy.ParseId(id), Throws.TypeOf<InputException>().With.Message.Contains("<deploymentId>/<deployId>"));
}

/// <summary>Diff rules of the Deploy, as a table.</summary>
public sealed class DeployDiffTests
{
    private static PropertyMap Inputs(params (string Key, Value Value)[] changes)
    {
        var s = Struct(("deploymentId", S("cdep")), ("type", S("DAG_ONLY")), ("dagsPath", S("./dags")), ("description", S("one")),
            ("waitForDeployment", B(true)), ("rollbackOnFailure", B(false)), ("contentHash", S("sha256:aaa")));
        foreach (var (k, v) in changes)
        {
            if (v.KindCase == Value.KindOneofCase.NullValue) s.Fields.Remove(k);
            else s.Fields[k] = v;
        }
        return Marshal.FromStruct(s);
    }

    private static PropertyMap Deployed(string status = "DEPLOYED", string? version = "2024-01-12T18:32:20.5898930Z") =>
        Marshal.FromStruct(Struct(("status", S(status)), ("dagTarballVersion", version is null ? Value.ForNull() : S(version))));

    [TestCase("contentHash", "\"sha256:bbb\"", true)]
    [TestCase("deploymentId", "\"cother\"", true)]
    [TestCase("git", "{\"provider\":\"GENERIC\",\"commitSha\":\"b\",\"remoteUrl\":\"https://x\"}", true)]
    [TestCase("description", "\"two\"", false)]
    [TestCase("dagsPath", "\"./moved\"", false)]
    [TestCase("waitForDeployment", "false", false)]
    [TestCase("rollbackOnFailure", "true", false)]
    [TestCase("imageTag", "\"ci-2\"", true)]
    [TestCase("type", "\"IMAGE_AND_DAG\"", true)]
    public void Diff_FieldChanged_ReplacesPerRules(string field, string json, bool replaces)
    {
        var old = field == "imageTag" ? Inputs(("imageTag", S("ci-1"))) : Inputs();
        var diff = new Deploy().Diff(old, Deployed(), Inputs((field, Value.Parser.ParseJson(json))));
        Assert.That(diff.Changed, Is.EqualTo(new[] { field }));
        Assert.That(diff.Replaces.Contains(field), Is.EqualTo(replaces));
        var kinds = diff.Detailed.Where(e => e.Key.StartsWith(field, StringComparison.Ordinal)).Select(e => e.Value).ToList();
        Assert.That(kinds, Is.Not.Empty);
        Assert.That(kinds, Is.All.Matches<DiffKind>(k => (k is DiffKind.UpdateReplace or DiffKind.AddReplace) == replaces));
    }

    [Test]
    public void Diff_SameInputs_NoChanges() =>
        Assert.That(new Deploy().Diff(Inputs(), Deployed(), Inputs()).HasChanges, Is.False);

    [Test]
    public void Diff_UnknownHashInPreview_Replaces() =>
        Assert.That(new Deploy().Diff(Inputs(), Deployed(), Inputs(("contentHash", Unknown))).Replaces, Is.EqualTo(new[] { "contentHash" }));

    [Test]
    public void Diff_ImportedWithoutHash_AdoptsInPlace()
    {
        var imported = Inputs(("contentHash", Value.ForNull()), ("dagsPath", Value.ForNull()));
        var diff = new Deploy().Diff(imported, Deployed(), Inputs());
        Assert.That(diff.Replaces, Is.Empty);
        Assert.That(diff.Detailed["contentHash"], Is.EqualTo(DiffKind.Add), "the new hash is adopted by an in-place update, which warns that nothing shipped");
        // dagsPath is required for a DAG_ONLY deploy, so a state without it was never the program's: no change of its own.
        Assert.That(diff.Changed, Is.EqualTo(new[] { "contentHash" }));
    }

    [Test]
    public void Diff_ImportedWithoutImageTag_AdoptsInPlace()
    {
        var diff = new Deploy().Diff(Inputs(), Deployed(), Inputs(("imageTag", S("ci-1"))));
        Assert.That(diff.Replaces, Is.Empty);
        Assert.That(diff.Detailed["imageTag"], Is.EqualTo(DiffKind.Add));
    }

    [TestCase("FAILED", "v1", true)]
    [TestCase("INITIALIZED", null, true)]
    [TestCase("INITIALIZED", "v1", false)]
    [TestCase("DEPLOYED", "v1", false)]
    public void Diff_PreviousDeployFailedOrNeverFinalized_ShipsAgain(string status, string? version, bool replaces)
    {
        var diff = new Deploy().Diff(Inputs(), Deployed(status, version), Inputs());
        Assert.That(diff.Replaces.Contains("status"), Is.EqualTo(replaces));
    }

    [TestCase("INITIALIZED", null, null, null, "INITIALIZED")]
    [TestCase("FAILED", null, null, null, "FAILED")]
    [TestCase("DEPLOYED", "DEPLOYING", "v1", "v1", "DEPLOYED, Deployment DEPLOYING")]
    [TestCase("DEPLOYED", "HEALTHY", "v0", "v1", "DEPLOYED, DAGs rolling out")]
    [TestCase("DEPLOYED", "HEALTHY", "v1", "v2", "DEPLOYED, DAGs rolling out")]
    [TestCase("DEPLOYED", "HEALTHY", "v1", "v1", "DEPLOYED, Deployment HEALTHY")]
    [TestCase("DEPLOYED", "HEALTHY", "v1", "", "DEPLOYED, Deployment HEALTHY")]
    [TestCase("DEPLOYED", "HIBERNATING", "v1", "v1", "DEPLOYED, Deployment HIBERNATING")]
    [TestCase("DEPLOYED", "HEALTHY", "v0", "v0", "DEPLOYED, image rolling out", "IMAGE_ONLY", "old")]
    [TestCase("DEPLOYED", "HEALTHY", "v0", "v0", "DEPLOYED, Deployment HEALTHY", "IMAGE_ONLY", "deploy-1")]
    [TestCase("DEPLOYED", "HEALTHY", "v1", "v1", "DEPLOYED, image rolling out", "IMAGE_AND_DAG", "old")]
    [TestCase("DEPLOYED", "HEALTHY", "v0", "v1", "DEPLOYED, DAGs rolling out", "IMAGE_AND_DAG", "deploy-1")]
    [TestCase("DEPLOYED", "HEALTHY", "v1", "v1", "DEPLOYED, Deployment HEALTHY", "IMAGE_AND_DAG", "deploy-1")]
    public void LiveStatus_DeployAndDeployment_CombinedPerWaitTable(string deploy, string? deployment, string? running, string? desired, string expected,
        string type = "DAG_ONLY", string runningImage = "")
    {
        var d = new Api.Deploy
        {
            Id = "cd", Type = new Api.DeployType(type), Status = new Api.DeployStatus(deploy), ImageTag = "deploy-1",
            DagTarballVersion = type == "IMAGE_ONLY" ? null : "v1",
        };
        var dep = deployment is null ? null : new Api.Deployment
        {
            Id = "cdep", Status = new Api.DeploymentStatus(deployment), DagTarballVersion = running, DesiredDagTarballVersion = desired, ImageTag = runningImage,
        };
        var status = Deploy.LiveStatus(new Deploy.Snapshot(d, dep));
        Assert.That(status, Is.EqualTo(expected));
        var table = Deploy.Live;
        Assert.That(table.Pending.Concat(table.Done).Concat(table.Failed), Has.Member(status), "every combined status is in the wait table");
        Assert.That(table.Done.Contains(status), Is.EqualTo(expected.EndsWith("HEALTHY", StringComparison.Ordinal) || expected.EndsWith("HIBERNATING", StringComparison.Ordinal)));
    }
}
