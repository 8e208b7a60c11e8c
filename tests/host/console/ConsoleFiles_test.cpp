// The console's path resolver: files, the index.html fallback, and every way
// a request path could try to reach outside the folder.
#include "console/ConsoleFiles.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>

namespace gaiarouter {
namespace {

namespace fs = std::filesystem;
using Outcome = ConsoleFiles::Outcome;

// <tmp>/console (the root) beside <tmp>/secret.txt and <tmp>/outside/.
class ConsoleFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "gaiarouter-console-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    base_ = fs::canonical(pattern);
    root_ = base_ / "console";
    fs::create_directories(root_ / "assets");
    fs::create_directories(base_ / "outside");
    write(root_ / "index.html", "<!doctype html>");
    write(root_ / "favicon.svg", "<svg/>");
    write(root_ / "assets" / "app-abc123.js", "console.log(1)");
    write(base_ / "secret.txt", "secret");
    write(base_ / "outside" / "secret.txt", "secret");
  }
  void TearDown() override { fs::remove_all(base_); }

  static void write(const fs::path& file, const std::string& text) { std::ofstream(file) << text; }
  ConsoleFiles::Resolved resolve(const std::string& target) const { return ConsoleFiles(root_).resolve(target); }

  fs::path base_, root_;
};

TEST_F(ConsoleFilesTest, ServesExistingFiles) {
  auto r = resolve("/favicon.svg");
  ASSERT_EQ(r.outcome, Outcome::File);
  EXPECT_EQ(r.file, root_ / "favicon.svg");
  EXPECT_FALSE(r.immutable);

  r = resolve("/index.html");
  ASSERT_EQ(r.outcome, Outcome::File);
  EXPECT_EQ(r.file, root_ / "index.html");
  EXPECT_FALSE(r.immutable);
}

TEST_F(ConsoleFilesTest, AssetsAreImmutable) {
  for (const char* target : {"/assets/app-abc123.js", "/assets/app-abc123.js?v=2", "/assets//app-abc123.js",
                             "/%61ssets/app-abc123%2Ejs"}) {
    auto r = resolve(target);
    ASSERT_EQ(r.outcome, Outcome::File) << target;
    EXPECT_EQ(r.file, root_ / "assets" / "app-abc123.js") << target;
    EXPECT_TRUE(r.immutable) << target;
  }
}

TEST_F(ConsoleFilesTest, OtherPathsAreTheIndexForTheConsoleRouter) {
  for (const char* target : {"/", "/organizations/org_1", "/organizations/org_1/", "/models/openai/gpt-4.1",
                             "/login?next=/stats", "/assets-like/x.js"}) {
    auto r = resolve(target);
    ASSERT_EQ(r.outcome, Outcome::File) << target;
    EXPECT_EQ(r.file, root_ / "index.html") << target;
    EXPECT_FALSE(r.immutable) << target;
  }
}

TEST_F(ConsoleFilesTest, MissingAssetsAreNotFoundRatherThanTheIndex) {
  for (const char* target : {"/assets/missing.js", "/assets/app-old999.css", "/assets", "/assets/", "/assets/sub/x.js"}) {
    EXPECT_EQ(resolve(target).outcome, Outcome::NotFound) << target;
  }
}

TEST_F(ConsoleFilesTest, RefusesDotSegmentsRawAndEncoded) {
  for (const char* target :
       {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/%2e%2e/etc/passwd",
        "/assets/..%2f..%2fsecret.txt", "/assets/%2e%2e%2f%2e%2e%2fsecret.txt", "/.%2e/secret.txt",
        "/./index.html", "/assets/./app-abc123.js", "/.env", "/assets/.hidden.js"}) {
    EXPECT_EQ(resolve(target).outcome, Outcome::BadPath) << target;
  }
}

TEST_F(ConsoleFilesTest, RefusesBackslashesControlCharactersAndMalformedEscapes) {
  for (const char* target : {"/..\\secret.txt", "/assets\\..\\..\\secret.txt", "/%5c..%5csecret.txt",
                             "/index.html%00.js", "/a%0d%0aSet-Cookie:x", "/%7f", "/%zz", "/%2", "/%"}) {
    EXPECT_EQ(resolve(target).outcome, Outcome::BadPath) << target;
  }
}

TEST_F(ConsoleFilesTest, RefusesTargetsThatAreNotAbsolutePaths) {
  for (const char* target : {"", "secret.txt", "../secret.txt", "http://example.com/index.html", "*"}) {
    EXPECT_EQ(resolve(target).outcome, Outcome::BadPath) << target;
  }
}

TEST_F(ConsoleFilesTest, AbsoluteLookingPathsStayInsideTheRoot) {
  // Empty segments are dropped: "//x" is root/x, never /x.
  for (const std::string& target : {"//" + (base_ / "secret.txt").string(), std::string("//etc/passwd"),
                                   "/%2F" + (base_ / "secret.txt").relative_path().string()}) {
    auto r = resolve(target);
    ASSERT_EQ(r.outcome, Outcome::File) << target;
    EXPECT_EQ(r.file, root_ / "index.html") << target;
  }
}

TEST_F(ConsoleFilesTest, DoubleEncodingIsDecodedOnce) {
  // "%252e%252e" is the literal name "%2e%2e": no such file, so the index.
  auto r = resolve("/%252e%252e/secret.txt");
  ASSERT_EQ(r.outcome, Outcome::File);
  EXPECT_EQ(r.file, root_ / "index.html");
}

TEST_F(ConsoleFilesTest, SymlinksOutOfTheRootAreNotFollowed) {
  fs::create_symlink(base_ / "secret.txt", root_ / "leak.txt");
  fs::create_symlink(base_ / "outside", root_ / "outside");
  fs::create_symlink(base_ / "secret.txt", root_ / "assets" / "leak.js");
  for (const char* target : {"/leak.txt", "/outside/secret.txt", "/outside", "/assets/leak.js"}) {
    EXPECT_EQ(resolve(target).outcome, Outcome::NotFound) << target;
  }
}

TEST_F(ConsoleFilesTest, SymlinksWithinTheRootAreFollowed) {
  fs::create_symlink(root_ / "assets" / "app-abc123.js", root_ / "alias.js");
  auto r = resolve("/alias.js");
  ASSERT_EQ(r.outcome, Outcome::File);
  EXPECT_EQ(r.file, root_ / "assets" / "app-abc123.js");
}

TEST_F(ConsoleFilesTest, TheRootMayItselfBeALink) {
  // As in a build tree: share/gaiarouter/console → admin-ui/dist.
  fs::create_symlink(root_, base_ / "link");
  auto r = ConsoleFiles(base_ / "link").resolve("/assets/app-abc123.js");
  ASSERT_EQ(r.outcome, Outcome::File);
  EXPECT_EQ(r.file, root_ / "assets" / "app-abc123.js");
  EXPECT_TRUE(ConsoleFiles(base_ / "link").built());
}

TEST_F(ConsoleFilesTest, AnIndexLinkedFromOutsideIsNotServed) {
  fs::remove(root_ / "index.html");
  fs::create_symlink(base_ / "secret.txt", root_ / "index.html");
  EXPECT_EQ(resolve("/").outcome, Outcome::NotFound);
  EXPECT_EQ(resolve("/organizations").outcome, Outcome::NotFound);
}

TEST_F(ConsoleFilesTest, WithoutIndexNothingIsBuilt) {
  fs::remove(root_ / "index.html");
  EXPECT_FALSE(ConsoleFiles(root_).built());
  EXPECT_EQ(resolve("/").outcome, Outcome::NotFound);
  EXPECT_EQ(resolve("/organizations/x").outcome, Outcome::NotFound);
  // Files that are there still are.
  EXPECT_EQ(resolve("/favicon.svg").outcome, Outcome::File);

  EXPECT_FALSE(ConsoleFiles(base_ / "missing").built());
  EXPECT_EQ(ConsoleFiles(base_ / "missing").resolve("/").outcome, Outcome::NotFound);
}

TEST_F(ConsoleFilesTest, APrecompressedSiblingInsideTheRootIsOffered) {
  write(root_ / "assets" / "app-abc123.js.gz", "gz");
  const ConsoleFiles files(root_);
  const auto js = files.resolve("/assets/app-abc123.js");
  ASSERT_EQ(js.outcome, Outcome::File);
  const auto& gz = js.gzipped;
  ASSERT_TRUE(gz.has_value());
  EXPECT_EQ(*gz, root_ / "assets" / "app-abc123.js.gz");
  // No sibling, no offer.
  const auto svg = files.resolve("/favicon.svg");
  EXPECT_FALSE(svg.gzipped.has_value());
}

TEST_F(ConsoleFilesTest, APrecompressedSiblingLinkedFromOutsideIsNotOffered) {
  write(base_ / "outside" / "favicon.svg.gz", "secret");
  fs::create_symlink(base_ / "outside" / "favicon.svg.gz", root_ / "favicon.svg.gz");
  const ConsoleFiles files(root_);
  EXPECT_FALSE(files.resolve("/favicon.svg").gzipped.has_value());
}

}  // namespace
}  // namespace gaiarouter
