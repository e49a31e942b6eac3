using Microsoft.Data.Sqlite;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Pulumi.Astro.Simulator;

/// <summary>An uploaded DAG tarball: the blob version id storage answered with, and the bytes.</summary>
internal sealed record Blob(string DeployId, string VersionId, byte[] Data);

/// <summary>
/// astro-sim's state: every object as the JSON document Astro would return, plus a private <c>_sim</c> member with
/// the timestamps its status is derived from. Callers hold <see cref="Gate"/> for a whole read-modify-write, which
/// serializes concurrent updates. With a database file every write goes through to SQLite, so a restart, even one in
/// the middle of a transition, loses nothing: statuses are derived from stored timestamps, not timers.
/// </summary>
internal sealed class SimStore : IDisposable
{
    public const string Workspace = "workspace";
    public const string Cluster = "cluster";
    public const string Deployment = "deployment";
    public const string Deploy = "deploy";
    public const string EnvironmentObject = "environmentObject";
    public const string ApiToken = "apiToken";
    public const string AgentToken = "agentToken";

    private readonly Dictionary<string, Dictionary<string, JObject>> _objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Blob>> _blobs = new(StringComparer.Ordinal);
    private readonly SqliteConnection? _db;

    public object Gate { get; } = new();

    public SimStore(string? dbPath)
    {
        if (dbPath is null) return;
        var dir = Path.GetDirectoryName(Path.GetFullPath(dbPath));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dbPath, Pooling = false }.ToString());
        _db.Open();
        Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
        Exec("CREATE TABLE IF NOT EXISTS objects (kind TEXT NOT NULL, id TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (kind, id));");
        Exec("CREATE TABLE IF NOT EXISTS blobs (seq INTEGER PRIMARY KEY AUTOINCREMENT, deploy_id TEXT NOT NULL, version_id TEXT NOT NULL, data BLOB NOT NULL);");
        Load();
    }

    public bool IsDurable => _db is not null;

    private void Exec(string sql)
    {
        using var cmd = _db!.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private void Load()
    {
        using (var cmd = _db!.CreateCommand())
        {
            cmd.CommandText = "SELECT kind, id, json FROM objects";
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
                Bucket(reader.GetString(0))[reader.GetString(1)] = Parse(reader.GetString(2));
        }
        using (var cmd = _db.CreateCommand())
        {
            cmd.CommandText = "SELECT deploy_id, version_id, data FROM blobs ORDER BY seq";
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
                BlobList(reader.GetString(0)).Add(new Blob(reader.GetString(0), reader.GetString(1), (byte[])reader["data"]));
        }
    }

    /// <summary>Parses JSON as Astro's server does: timestamps stay strings.</summary>
    public static JObject Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
        return JObject.Load(reader);
    }

    private Dictionary<string, JObject> Bucket(string kind)
    {
        if (!_objects.TryGetValue(kind, out var bucket)) _objects[kind] = bucket = new Dictionary<string, JObject>(StringComparer.Ordinal);
        return bucket;
    }

    private List<Blob> BlobList(string deployId)
    {
        if (!_blobs.TryGetValue(deployId, out var list)) _blobs[deployId] = list = [];
        return list;
    }

    public JObject? Get(string kind, string id) => Bucket(kind).GetValueOrDefault(id);

    public IEnumerable<JObject> All(string kind) => Bucket(kind).Values;

    public void Put(string kind, string id, JObject obj)
    {
        Bucket(kind)[id] = obj;
        if (_db is null) return;
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "INSERT INTO objects (kind, id, json) VALUES ($k, $i, $j) ON CONFLICT (kind, id) DO UPDATE SET json = excluded.json";
        cmd.Parameters.AddWithValue("$k", kind);
        cmd.Parameters.AddWithValue("$i", id);
        cmd.Parameters.AddWithValue("$j", obj.ToString(Formatting.None));
        cmd.ExecuteNonQuery();
    }

    public void Remove(string kind, string id)
    {
        Bucket(kind).Remove(id);
        if (_db is null) return;
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "DELETE FROM objects WHERE kind = $k AND id = $i";
        cmd.Parameters.AddWithValue("$k", kind);
        cmd.Parameters.AddWithValue("$i", id);
        cmd.ExecuteNonQuery();
    }

    public void PutBlob(Blob blob)
    {
        BlobList(blob.DeployId).Add(blob);
        if (_db is null) return;
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "INSERT INTO blobs (deploy_id, version_id, data) VALUES ($d, $v, $b)";
        cmd.Parameters.AddWithValue("$d", blob.DeployId);
        cmd.Parameters.AddWithValue("$v", blob.VersionId);
        cmd.Parameters.AddWithValue("$b", blob.Data);
        cmd.ExecuteNonQuery();
    }

    public IReadOnlyList<Blob> Blobs(string deployId) => _blobs.TryGetValue(deployId, out var list) ? list : [];

    public void Clear()
    {
        _objects.Clear();
        _blobs.Clear();
        if (_db is null) return;
        Exec("DELETE FROM objects; DELETE FROM blobs;");
    }

    public void Dispose() => _db?.Dispose();
}
