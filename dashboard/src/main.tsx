import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { createBrowserServices } from './app/create-services';
import './styles/theme.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
const services = createBrowserServices(window);
createRoot(container).render(
  <StrictMode>
    <App services={services} />
  </StrictMode>,
);
