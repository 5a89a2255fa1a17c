// The WordPress site the tests run against (scripts/wordpress-site.sh wrote site.json) and a
// REST client that signs in with a user's application password, as an editor's app would.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, request, type APIRequestContext, type Page } from "@playwright/test";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const SITE_DIR = process.env.CANDIDACY_WORDPRESS_SITE ?? join(REPO_ROOT, "target/wordpress-site");

export type Role = "admin" | "editor" | "author" | "contributor";
interface User {
  login: string;
  password: string;
  applicationPassword: string;
}
export const site: { url: string; users: Record<Role, User> } = JSON.parse(readFileSync(join(SITE_DIR, "site.json"), "utf8"));

/** The REST API as `role`, through `?rest_route=` (plain permalinks). */
export async function rest(role: Role): Promise<APIRequestContext> {
  const user = site.users[role];
  return request.newContext({
    baseURL: site.url,
    httpCredentials: { username: user.login, password: user.applicationPassword, send: "always" },
  });
}

export const route = (path: string, query = "") => `/?rest_route=${encodeURIComponent(path)}${query ? `&${query}` : ""}`;

export interface Post {
  id: number;
  link: string;
  status: string;
  content: { raw?: string; rendered: string };
}

/** Creates a post as `role` (published when the role may publish) and returns it as saved. */
export async function createPost(role: Role, title: string, content: string, status = "publish"): Promise<Post> {
  const api = await rest(role);
  const response = await api.post(route("/wp/v2/posts"), { data: { title, content, status } });
  expect(response.status(), `${role} creates "${title}": ${await response.text()}`).toBe(201);
  const post = (await response.json()) as Post;
  await api.dispose();
  return post;
}

/** A post as `role` reads it for editing: its content as saved (`raw`) and rendered. */
export async function readPost(role: Role, id: number): Promise<Post> {
  const api = await rest(role);
  const response = await api.get(route(`/wp/v2/posts/${id}`, "context=edit"));
  expect(response.ok()).toBe(true);
  const post = (await response.json()) as Post;
  await api.dispose();
  return post;
}

export async function logIn(page: Page, role: Role): Promise<void> {
  const user = site.users[role];
  await page.goto(`${site.url}/wp-login.php`);
  await page.locator("#user_login").fill(user.login);
  await page.locator("#user_pass").fill(user.password);
  await page.locator("#wp-submit").click();
  await expect(page.locator("#wpadminbar")).toBeVisible();
}

/** Sets the plugin's status (`active`, `inactive`) as the administrator. */
export async function setPluginStatus(status: "active" | "inactive"): Promise<void> {
  const api = await rest("admin");
  const response = await api.post(route("/wp/v2/plugins/candidacy/candidacy"), { data: { status } });
  expect(response.status(), await response.text()).toBe(200);
  await api.dispose();
}
