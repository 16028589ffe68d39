import { parseHTML } from 'linkedom';
import { describe, expect, test } from 'vitest';
import { BlockRegistry } from '../../src/page/block-registry';
import { extractBlocks } from '../../src/page/blocks';
import { compareReadingOrder } from '../../src/page/doc-order';

const page = (body: string) => parseHTML(`<html><body>${body}</body></html>`).document;

describe('compareReadingOrder', () => {
  test('follows the document, for nodes parsed and nodes added later alike', () => {
    const doc = page('<article><p id="a">A</p><p id="b">B</p></article>');
    const late = doc.createElement('article');
    const c = doc.createElement('p');
    late.append(c);
    doc.body.append(late);
    const [a, b] = [doc.querySelector('#a')!, doc.querySelector('#b')!];
    expect(compareReadingOrder(a, b)).toBeLessThan(0);
    expect(compareReadingOrder(b, a)).toBeGreaterThan(0);
    expect(compareReadingOrder(a, c)).toBeLessThan(0);
    expect(compareReadingOrder(c, a)).toBeGreaterThan(0);
    expect(compareReadingOrder(doc.body, c)).toBeLessThan(0);
    expect(compareReadingOrder(c, c)).toBe(0);
  });

  test('reads open shadow roots where their host stands', () => {
    const doc = page('<p id="before">x</p><div id="host"><p id="light">y</p></div><p id="after">z</p>');
    const shadow = doc.querySelector('#host')!.attachShadow({ mode: 'open' });
    const inner = doc.createElement('p');
    shadow.append(inner);
    expect(compareReadingOrder(doc.querySelector('#before')!, inner)).toBeLessThan(0);
    expect(compareReadingOrder(inner, doc.querySelector('#after')!)).toBeLessThan(0);
    expect(compareReadingOrder(inner, doc.querySelector('#light')!)).toBeLessThan(0);
  });
});

describe('BlockRegistry', () => {
  test('blocks inserted in the middle get orders between their neighbours', () => {
    const doc = page('<p>One.</p><p id="two">Two.</p><p>Four.</p>');
    const registry = new BlockRegistry();
    const initial = registry.addAll(extractBlocks(doc));
    const three = doc.createElement('p');
    three.textContent = 'Three.';
    doc.querySelector('#two')!.after(three);
    const { added } = registry.insertRun(extractBlocks(three));
    expect(added).toHaveLength(1);
    expect(registry.keys()).toEqual([initial[0].key, initial[1].key, added[0].key, initial[2].key]);
    expect(added[0].order).toBeGreaterThan(initial[1].order);
    expect(added[0].order).toBeLessThan(initial[2].order);
    expect(registry.rank(added[0].key)).toBe(2);
  });

  test('when midpoints run out, every block is renumbered in reading order', () => {
    const doc = page('<p id="a">A.</p><p id="z">Z.</p>');
    const registry = new BlockRegistry();
    registry.addAll(extractBlocks(doc));
    let renumbered = false;
    let anchor = doc.querySelector('#a')!;
    for (let i = 0; i < 80 && !renumbered; i++) {
      const p = doc.createElement('p');
      p.textContent = `Inserted ${i}.`;
      anchor.after(p);
      anchor = p;
      renumbered = registry.insertRun(extractBlocks(p)).renumbered;
    }
    expect(renumbered).toBe(true);
    const orders = registry.keys().map((key) => registry.get(key)!.order);
    expect(orders).toEqual([...orders].sort((x, y) => x - y));
    expect(new Set(orders).size).toBe(orders.length);
    expect(registry.get(registry.keys().at(-1)!)!.block.element.id).toBe('z');
  });

  test('the keys of an element are the same whether first asked before or after blocks come and go', () => {
    const html = '<div id="runs">First run.<br><br>Second run.<br><br>Third run.</div><p id="p">Paragraph.</p>';
    const docs = [page(html), page(html)];
    const registries = docs.map(() => new BlockRegistry());
    const askedEarly = registries[0];
    askedEarly.addAll(extractBlocks(docs[0]));
    expect(askedEarly.keysOfElement(docs[0].querySelector('#runs')!)).toEqual([0, 1, 2]);
    const answers = docs.map((doc, i) => {
      const registry = registries[i];
      if (i === 1) registry.addAll(extractBlocks(doc));
      const added = doc.createElement('p');
      added.textContent = 'Added.';
      doc.querySelector('#p')!.before(added);
      const [fresh] = registry.insertRun(extractBlocks(added)).added;
      registry.remove(1);
      return [
        registry.keysOfElement(doc.querySelector('#runs')!),
        registry.keysOfElement(doc.querySelector('#p')!),
        registry.keysOfElement(added),
        fresh.key,
      ];
    });
    expect(answers[0]).toEqual([[0, 2], [3], [4], 4]);
    expect(answers[1]).toEqual(answers[0]);
  });

  test('removing a block forgets it everywhere', () => {
    const doc = page('<p>One.</p><p>Two.</p>');
    const registry = new BlockRegistry();
    const [one, two] = registry.addAll(extractBlocks(doc));
    registry.remove(one.key);
    expect(registry.keys()).toEqual([two.key]);
    expect(registry.keysOfElement(one.block.element)).toBeUndefined();
    expect(registry.rank(two.key)).toBe(0);
  });
});
