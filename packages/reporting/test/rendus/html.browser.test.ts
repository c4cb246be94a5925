/**
 * The HTML report in a real browser: the system Chromium (Debian package `chromium`, which `.ci/run` installs), driven
 * by playwright-core. Set CHROMIUM_PATH to use another binary. When no Chromium is found the test fails, saying how to
 * install it; outside CI (`CI` unset) SDSF_SANS_CHROMIUM=1 skips it instead, visibly.
 */
import { Effect } from "effect"
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { delimiter, join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { chromium } from "playwright-core"
import type { Browser, Page } from "playwright-core"
import { Html, Rapport } from "@sdsf/reporting"
import { rapport, source } from "./fixtures.ts"

/** The part of the browser's `window` the print check reads (the tests are type-checked without the DOM library). */
type Fenetre = { readonly getComputedStyle: (e: unknown) => { readonly display: string } }

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-dev-shm-usage"
]

const trouverChromium = (): string | undefined => {
  const env = process.env["CHROMIUM_PATH"]
  if (env !== undefined && env !== "") return existsSync(env) ? env : undefined
  const noms = ["chromium", "chromium-browser", "google-chrome-stable", "google-chrome"]
  const dossiers = ["/usr/bin", ...(process.env["PATH"] ?? "").split(delimiter).filter((d) => d !== "")]
  for (const d of dossiers) {
    for (const n of noms) if (existsSync(join(d, n))) return join(d, n)
  }
  return undefined
}

const executable = trouverChromium()
const ignorer = executable === undefined && process.env["CI"] !== "true" && process.env["SDSF_SANS_CHROMIUM"] === "1"

const INTROUVABLE =
  "Chromium not found (looked at CHROMIUM_PATH, then /usr/bin and PATH for chromium, chromium-browser, " +
  "google-chrome): install it (Debian: apt-get install -y chromium; .ci/run does) or set CHROMIUM_PATH. " +
  "Outside CI, SDSF_SANS_CHROMIUM=1 skips these tests."

it.skipIf(ignorer)("finds Chromium", () => {
  expect(executable, INTROUVABLE).toBeDefined()
})

describe.skipIf(ignorer)("Html in Chromium", { timeout: 120_000 }, () => {
  let browser: Browser
  let page: Page
  const requetes: Array<string> = []
  const messages: Array<string> = []
  const dossier = mkdtempSync(join(tmpdir(), "sdsf-html-"))

  beforeAll(async () => {
    if (executable === undefined) throw new Error(INTROUVABLE)
    browser = await chromium.launch({ executablePath: executable, args: ARGS, headless: true, timeout: 60_000 })
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } })
    await context.route("**/*", (route) => {
      requetes.push(route.request().url())
      return route.abort()
    })
    page = await context.newPage()
    page.on("request", (r) => requetes.push(r.url()))
    page.on("console", (m) => messages.push(m.text()))
    const html = await Effect.runPromise(Html.document(rapport(Rapport), source))
    writeFileSync(join(dossier, "rapport.html"), html)
    await page.setContent(html, { waitUntil: "load" })
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
  })

  it("opens without a single request and without a blocked load", () => {
    expect(requetes).toEqual([])
    expect(messages.filter((m) => /Refused|Content Security Policy|Failed to load/i.test(m))).toEqual([])
  })

  it("the request guard works: a page that loads an image is caught", async () => {
    const control = await page.context().newPage()
    const avant = requetes.length
    await control.setContent("<img src=\"http://example.invalid/x.png\">", { waitUntil: "load" })
    await control.close()
    expect(requetes.slice(avant)).toContain("http://example.invalid/x.png")
    requetes.length = avant
  })

  it("the figures are visible text: the summary, the table cells, the chart values", async () => {
    expect(await page.locator("h1").innerText()).toBe("Schéma des services aux familles des Hauts-de-Seine <2022-2026>")
    expect(await page.locator(".chiffres .valeur").first().innerText()).toBe("204")
    const avip = page.locator("#table-avip")
    expect(await avip.isVisible()).toBe(true)
    expect(await avip.locator("tbody tr").allInnerTexts()).toEqual(["2024\t187\t5", "2025\t204\t7"])
    const valeurs = page.locator("#s3 svg text.valeur")
    expect(await valeurs.allTextContents()).toEqual(["187", "5", "204", "7"])
    for (const v of await valeurs.all()) expect(await v.isVisible()).toBe(true)
    expect(await page.locator("#table-hostile td", { hasText: "<script>alert('x')</script>" }).isVisible()).toBe(true)
    expect(await page.locator("time", { hasText: "1er décembre 2025" }).isVisible()).toBe(true)
  })

  it("the SVG charts and their bars have a non-zero size", async () => {
    const svgs = await page.locator("figure svg").all()
    expect(svgs.length).toBe(2)
    for (const s of svgs) {
      const box = await s.boundingBox()
      expect(box?.width ?? 0).toBeGreaterThan(100)
      expect(box?.height ?? 0).toBeGreaterThan(40)
    }
    for (const b of await page.locator("rect.barre").all()) {
      expect((await b.boundingBox())?.width ?? 0).toBeGreaterThan(0)
    }
  })

  it("prints: the table of contents hidden, headers repeated, several A4 pages; a screenshot is a PNG", async () => {
    await page.emulateMedia({ media: "print" })
    expect(await page.locator(".sommaire").isHidden()).toBe(true)
    const display = (selecteur: string) =>
      page.locator(selecteur).first().evaluate((e) => (globalThis as unknown as Fenetre).getComputedStyle(e).display)
    expect(await display("thead")).toBe("table-header-group")
    const pdf = await page.pdf({ format: "A4", printBackground: true })
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-")
    expect(pdf.toString("latin1").match(/\/Type\s*\/Page\b/g)?.length ?? 0).toBeGreaterThanOrEqual(2)
    const fichier = join(dossier, "rapport-print.png")
    await page.screenshot({ path: fichier, fullPage: true })
    const png = readFileSync(fichier)
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    expect(png.readUInt32BE(16)).toBeGreaterThan(0)
    expect(png.readUInt32BE(20)).toBeGreaterThan(500)
  })
})
