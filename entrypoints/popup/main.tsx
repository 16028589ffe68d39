import { render } from 'preact';
render(<main>ParaDedup</main>, document.getElementById('app')!);
