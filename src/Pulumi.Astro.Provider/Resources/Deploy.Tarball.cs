using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Pulumi.Astro.Provider.Resources;

/// <summary>
/// Packs a DAG folder as the CLI does (API fact sheet §7.4: a gzip tarball with entries under <c>dags/</c>), but
/// deterministically: entries sorted by ordinal path, parents before children, fixed times, modes and owner ids 0, and a
/// gzip header without time or OS. So the same files always give the same bytes and the same hash, and a change of a
/// file's time on disk alone never ships a deploy.
/// </summary>
public static class DagTarball
{
    /// <summary>Every entry's time: 1980-01-01, the usual fixed time of reproducible archives (tools warn about 1970).</summary>
    public static readonly DateTimeOffset FixedTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    public const UnixFileMode DirectoryMode = FileMode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
    public const string Prefix = "dags/";

    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { "__pycache__", ".git" };

    /// <summary>The folder a relative dagsPath names: the process's working directory is the program's (protocol fact sheet §1.1).</summary>
    public static string Resolve(string dagsPath) => Path.GetFullPath(dagsPath, Directory.GetCurrentDirectory());

    /// <summary>The files to pack, as (entry name under <c>dags/</c>, full path), sorted by entry name; see <see cref="Deploy.ExclusionsDoc"/>.</summary>
    public static IReadOnlyList<(string Name, string Path)> Files(string folder)
    {
        var files = new List<(string, string)>();
        Walk(new DirectoryInfo(folder), "", files);
        files.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        return files;
    }

    private static void Walk(DirectoryInfo dir, string relative, List<(string, string)> files)
    {
        foreach (var entry in dir.EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false }))
        {
            var name = relative + entry.Name;
            if (entry is DirectoryInfo sub)
            {
                // A linked folder may loop back on itself; .git may also be a file (a worktree or submodule pointer).
                if (SkippedFolders.Contains(entry.Name) || sub.LinkTarget is not null) continue;
                Walk(sub, name + "/", files);
            }
            else if (entry.Name != ".git" && !entry.Name.EndsWith(".pyc", StringComparison.Ordinal))
                files.Add((name, entry.FullName));
        }
    }

    /// <summary>The uncompressed tar of <paramref name="files"/>: directories (only those holding files) and files, in order.</summary>
    public static byte[] Tar(IReadOnlyList<(string Name, string Path)> files)
    {
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Gnu, leaveOpen: true))
        {
            var written = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (name, path) in files)
            {
                var parts = (Prefix + name).Split('/');
                for (var i = 1; i < parts.Length; i++)
                {
                    var dir = string.Join('/', parts[..i]) + "/";
                    if (written.Add(dir)) writer.WriteEntry(Entry(TarEntryType.Directory, dir, DirectoryMode));
                }
                var file = Entry(TarEntryType.RegularFile, Prefix + name, FileMode);
                using var data = File.OpenRead(path);
                file.DataStream = data;
                writer.WriteEntry(file);
            }
        }
        return buffer.ToArray();
    }

    private static GnuTarEntry Entry(TarEntryType type, string name, UnixFileMode mode) => new(type, name)
    {
        ModificationTime = FixedTime,
        AccessTime = FixedTime,
        ChangeTime = FixedTime,
        Mode = mode,
        Uid = 0,
        Gid = 0,
        UserName = "",
        GroupName = "",
    };

    /// <summary><c>sha256:</c> and the hex digest of the uncompressed tar: the same files give the same hash whatever the compressor.</summary>
    public static string Hash(byte[] tar) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(tar));

    /// <summary>
    /// Gzips a tar. The header's MTIME is zero and its XFL and OS bytes are fixed (RFC 1952 §2.3: OS 255 = unknown),
    /// since zlib writes the OS it was built for.
    /// </summary>
    public static byte[] Gzip(byte[] tar)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(tar);
        var bytes = buffer.ToArray();
        // A plain 10-byte header: magic, CM=8 (deflate), FLG=0 (no name, comment or header CRC to move the rest).
        if (bytes.Length < 18 || bytes[0] != 0x1f || bytes[1] != 0x8b || bytes[2] != 8 || bytes[3] != 0)
            throw new InvalidOperationException("GZipStream wrote an unexpected gzip header");
        Array.Clear(bytes, 4, 4);
        bytes[8] = 0;
        bytes[9] = 255;
        return bytes;
    }

    /// <summary>The packed folder: its files, the gzip bytes to upload, and the content hash.</summary>
    public sealed record Packed(IReadOnlyList<(string Name, string Path)> Files, byte[] Gzip, string Hash);

    /// <summary>Packs a folder; the caller has checked it exists and has files.</summary>
    public static Packed Pack(string folder)
    {
        var files = Files(folder);
        var tar = Tar(files);
        return new Packed(files, Gzip(tar), Hash(tar));
    }
}
